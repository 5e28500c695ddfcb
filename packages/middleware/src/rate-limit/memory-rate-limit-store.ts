import { type BucketLevel, type RateLimitStore, refill } from './rate-limit-store.js';

/** Token buckets for one process. Many processes need `createRedisRateLimitStore` instead. */
export function createMemoryRateLimitStore(options: { now?: () => number } = {}): RateLimitStore {
  const now = options.now ?? Date.now;
  // Per key, its buckets by name: no key string is built per call and looked up again.
  const keys = new Map<string, Map<string, BucketLevel>>();
  const bucketsOf = (key: string): Map<string, BucketLevel> => {
    let buckets = keys.get(key);
    if (!buckets) {
      buckets = new Map();
      keys.set(key, buckets);
    }
    return buckets;
  };

  return {
    acquire(key, demands) {
      const time = now();
      const buckets = bucketsOf(key);
      const levels: number[] = [];
      let retryInMs = 0;
      for (const demand of demands) {
        const level = refill(buckets.get(demand.bucket), demand, time);
        levels.push(level);
        const missing = demand.amount - level;
        if (missing > 0) retryInMs = Math.max(retryInMs, Math.ceil(missing / demand.refillPerMs));
      }
      if (retryInMs > 0) return { ok: false, retryInMs };
      for (const [index, demand] of demands.entries()) {
        const level = levels[index] ?? demand.capacity;
        buckets.set(demand.bucket, { level: level - demand.amount, updatedAt: time });
      }
      return { ok: true };
    },
    adjust(key, demand) {
      const time = now();
      const buckets = bucketsOf(key);
      const level = refill(buckets.get(demand.bucket), demand, time) - demand.amount;
      buckets.set(demand.bucket, { level: Math.min(demand.capacity, level), updatedAt: time });
    },
  };
}
