/**
 * One token bucket a call draws from: `capacity` tokens at most, refilled continuously at
 * `refillPerMs`. Requests draw 1 from the `requests` bucket; tokens draw their estimate from
 * the `tokens` bucket.
 */
export interface RateLimitDemand {
  bucket: 'requests' | 'tokens';
  capacity: number;
  refillPerMs: number;
  amount: number;
}

export type RateLimitDecision = { ok: true } | { ok: false; retryInMs: number };

/**
 * Where bucket levels live. `createMemoryRateLimitStore` serves one process;
 * `createRedisRateLimitStore` from `@stratum/redis` shares the limits between processes.
 */
export interface RateLimitStore {
  /**
   * Atomically: if every bucket of `key` holds its demand, takes them all and returns ok;
   * otherwise takes nothing and says how long until they would.
   */
  acquire(
    key: string,
    demands: readonly RateLimitDemand[],
  ): RateLimitDecision | Promise<RateLimitDecision>;
  /**
   * Corrects a bucket after the fact: a positive amount takes more (the level may go below
   * zero, a debt later calls wait out), a negative one gives back (up to the capacity).
   */
  adjust(key: string, demand: RateLimitDemand): void | Promise<void>;
}

export interface BucketLevel {
  level: number;
  updatedAt: number;
}

/** The bucket's level at `now`, refilled since it was last touched. */
export function refill(
  bucket: BucketLevel | undefined,
  demand: RateLimitDemand,
  now: number,
): number {
  if (!bucket) return demand.capacity;
  const elapsed = Math.max(0, now - bucket.updatedAt);
  return Math.min(demand.capacity, bucket.level + elapsed * demand.refillPerMs);
}
