import type { RateLimitDemand } from '@stratum/middleware';
import { describe, expect, it } from 'vitest';
import { createRedisRateLimitStore } from '../src/index.js';
import { connectRedis, uniquePrefix } from './support/redis.js';

const redis = connectRedis();
// Refills so slowly that the milliseconds a test takes do not matter: 1 token per ~11.6 days.
const requests = { bucket: 'requests' as const, capacity: 3, refillPerMs: 1e-9 };
const tokens = { bucket: 'tokens' as const, capacity: 1_000, refillPerMs: 1e-9 };
const take = (demand: Omit<RateLimitDemand, 'amount'>, amount: number) => ({ ...demand, amount });

describe('createRedisRateLimitStore', () => {
  it('takes from all buckets or none, and says how long until the demand fits', async () => {
    const store = createRedisRateLimitStore(redis, { prefix: uniquePrefix('rl') });
    expect(await store.acquire('k', [take(requests, 1), take(tokens, 900)])).toEqual({ ok: true });
    const refused = await store.acquire('k', [take(requests, 1), take(tokens, 200)]);
    // 100 tokens short at 1e-9 per ms: 1e11 ms.
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.retryInMs).toBeGreaterThan(0.99e11);
    // Nothing was taken by the refusal: two more requests of 50 tokens fit, a fourth request does not.
    expect(await store.acquire('k', [take(requests, 1), take(tokens, 50)])).toEqual({ ok: true });
    expect(await store.acquire('k', [take(requests, 1), take(tokens, 50)])).toEqual({ ok: true });
    expect((await store.acquire('k', [take(requests, 1)])).ok).toBe(false);
  });

  it('corrects a bucket: debts below zero and refunds up to the capacity', async () => {
    const store = createRedisRateLimitStore(redis, { prefix: uniquePrefix('rl') });
    expect(await store.acquire('k', [take(tokens, 1_000)])).toEqual({ ok: true });
    await store.adjust('k', take(tokens, -400));
    expect(await store.acquire('k', [take(tokens, 400)])).toEqual({ ok: true });
    await store.adjust('k', take(tokens, 500));
    expect((await store.acquire('k', [take(tokens, 1)])).ok).toBe(false);
    await store.adjust('k', take(tokens, -10_000));
    expect(await store.acquire('k', [take(tokens, 1_000)])).toEqual({ ok: true });
  });

  it('refills with Redis time', async () => {
    const store = createRedisRateLimitStore(redis, { prefix: uniquePrefix('rl') });
    // One token per 3 s: slow enough that a loaded machine cannot refill it between two calls.
    const slow = { bucket: 'requests' as const, capacity: 1, refillPerMs: 1 / 3_000 };
    expect(await store.acquire('k', [take(slow, 1)])).toEqual({ ok: true });
    const refused = await store.acquire('k', [take(slow, 1)]);
    if (refused.ok) throw new Error('the second take of a one-slot bucket was admitted');
    expect(refused.retryInMs).toBeGreaterThan(0);
    expect(refused.retryInMs).toBeLessThanOrEqual(3_000);
    // Waiting as long as the store said is enough.
    await new Promise((resolve) => setTimeout(resolve, refused.retryInMs + 50));
    expect(await store.acquire('k', [take(slow, 1)])).toEqual({ ok: true });
  });

  it('is exact under concurrency: 100 racing takes of a 3-slot bucket, 3 win', async () => {
    const store = createRedisRateLimitStore(redis, { prefix: uniquePrefix('rl') });
    const results = await Promise.all(
      Array.from({ length: 100 }, () => store.acquire('k', [take(requests, 1)])),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(3);
  });

  it('lets its key expire once every bucket would be full again', async () => {
    const prefix = uniquePrefix('rl');
    const store = createRedisRateLimitStore(redis, { prefix });
    const steady = { bucket: 'requests' as const, capacity: 10, refillPerMs: 10 / 100_000 };
    await store.acquire('k', [take(steady, 4)]);
    const ttl = await redis.pttl(`${prefix}k`);
    // 4 tokens at 0.0001 per ms refill in 40 s; the lower bound leaves 10 s for a loaded machine.
    expect(ttl).toBeGreaterThan(30_000);
    expect(ttl).toBeLessThanOrEqual(40_000);
  });
});
