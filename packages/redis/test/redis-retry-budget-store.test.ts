import { createRetryBudget } from '@stratum/middleware';
import { describe, expect, it } from 'vitest';
import { createRedisRetryBudgetStore } from '../src/index.js';
import { connectRedis, uniquePrefix } from './support/redis.js';

const redis = connectRedis();

describe('createRedisRetryBudgetStore', () => {
  it('allows the reserve plus the ratio of calls, shared by every budget on the store', async () => {
    const store = createRedisRetryBudgetStore(redis, { prefix: uniquePrefix('budget') });
    const settings = { ratio: 0.1, minRetriesPerSecond: 0.2, windowMs: 10_000 };
    // Two "processes", each with its own budget object on the same store.
    const first = createRetryBudget({ ...settings, store });
    const second = createRetryBudget({ ...settings, store });
    for (let call = 0; call < 15; call += 1) {
      await first.deposit('openai');
      await second.deposit('openai');
    }
    // Reserve 0.2/s * 10 s = 2, plus 0.1 * 30 calls = 3: five retries in all, whoever asks.
    const granted: boolean[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      granted.push(await first.tryWithdraw('openai'), await second.tryWithdraw('openai'));
    }
    expect(granted.filter(Boolean)).toHaveLength(5);
    expect(await first.tryWithdraw('anthropic')).toBe(true);
  });

  it('is exact under concurrency', async () => {
    const store = createRedisRetryBudgetStore(redis, { prefix: uniquePrefix('budget') });
    const budget = createRetryBudget({
      ratio: 0.5,
      minRetriesPerSecond: 0,
      windowMs: 10_000,
      store,
    });
    await Promise.all(Array.from({ length: 20 }, () => budget.deposit('k')));
    const results = await Promise.all(Array.from({ length: 50 }, () => budget.tryWithdraw('k')));
    // 0.5 * 20 calls = 10 retries.
    expect(results.filter(Boolean)).toHaveLength(10);
  });

  it('forgets calls and retries once they leave the window', async () => {
    const store = createRedisRetryBudgetStore(redis, { prefix: uniquePrefix('budget') });
    // A two-second window with a reserve of one retry: the second withdrawal, made at once,
    // finds it spent even on a loaded machine.
    const budget = createRetryBudget({
      ratio: 0,
      minRetriesPerSecond: 0.5,
      windowMs: 2_000,
      store,
    });
    expect(await budget.tryWithdraw('k')).toBe(true);
    expect(await budget.tryWithdraw('k')).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 2_300));
    expect(await budget.tryWithdraw('k')).toBe(true);
  });
});
