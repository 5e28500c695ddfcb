import { type BucketLevel, type RateLimitStore, refill } from './rate-limit-store.js';

/** Token buckets for one process. Many processes need `createRedisRateLimitStore` instead. */
export function createMemoryRateLimitStore(options: { now?: () => number } = {}): RateLimitStore {
  const now = options.now ?? Date.now;
  const buckets = new Map<string, BucketLevel>();

  return {
    acquire(key, demands) {
      const time = now();
      const levels = demands.map((demand) =>
        refill(buckets.get(`${key}\u0000${demand.bucket}`), demand, time),
      );
      let retryInMs = 0;
      demands.forEach((demand, index) => {
        const missing = demand.amount - (levels[index] ?? 0);
        if (missing > 0) retryInMs = Math.max(retryInMs, Math.ceil(missing / demand.refillPerMs));
      });
      if (retryInMs > 0) return { ok: false, retryInMs };
      demands.forEach((demand, index) => {
        buckets.set(`${key}\u0000${demand.bucket}`, {
          level: (levels[index] ?? 0) - demand.amount,
          updatedAt: time,
        });
      });
      return { ok: true };
    },
    adjust(key, demand) {
      const time = now();
      const id = `${key}\u0000${demand.bucket}`;
      const level = refill(buckets.get(id), demand, time) - demand.amount;
      buckets.set(id, { level: Math.min(demand.capacity, level), updatedAt: time });
    },
  };
}
