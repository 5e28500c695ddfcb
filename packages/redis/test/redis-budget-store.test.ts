import type { BudgetCounter } from '@stratum/tracker';
import { describe, expect, it } from 'vitest';
import { createRedisBudgetStore } from '../src/index.js';
import { connectRedis, uniquePrefix } from './support/redis.js';

const redis = connectRedis();
const NOW = Date.UTC(2026, 2, 10, 12);

function counter(key: string, limit: number, extra: Partial<BudgetCounter> = {}): BudgetCounter {
  return { key, limit, hard: true, windowMs: 0, expiresAt: NOW + 86_400_000, ...extra };
}

describe('createRedisBudgetStore', () => {
  it('holds a reservation on every counter or on none', async () => {
    const store = createRedisBudgetStore(redis, { prefix: uniquePrefix('budget') });
    const wide = counter('wide', 1_000);
    const narrow = counter('narrow', 150);
    const hold = (id: string) =>
      store.reserve([wide, narrow], { id, amount: 100, expiresAt: NOW + 60_000 }, NOW);
    expect(await hold('a')).toEqual({ ok: true });
    expect(await hold('b')).toEqual({
      ok: false,
      index: 1,
      state: { key: 'narrow', spent: 0, reserved: 100 },
    });
    // The refused call held nothing on the counter that had room.
    expect(await store.read([wide, narrow], NOW)).toEqual([
      { key: 'wide', spent: 0, reserved: 100 },
      { key: 'narrow', spent: 0, reserved: 100 },
    ]);
    expect(await store.settle([wide, narrow], 'a', 40, NOW)).toEqual([
      { key: 'wide', spent: 40, reserved: 0 },
      { key: 'narrow', spent: 40, reserved: 0 },
    ]);
    expect(await hold('c')).toEqual({ ok: true });
    await store.release([wide, narrow], 'c', NOW);
    expect(await store.read([narrow], NOW)).toEqual([{ key: 'narrow', spent: 40, reserved: 0 }]);
  });

  it('lets the reservation of a process that died expire, and soft counters never refuse', async () => {
    const store = createRedisBudgetStore(redis, { prefix: uniquePrefix('budget') });
    const hard = counter('hard', 100);
    expect(
      await store.reserve([hard], { id: 'lost', amount: 100, expiresAt: NOW + 1_000 }, NOW),
    ).toEqual({ ok: true });
    expect(
      (await store.reserve([hard], { id: 'next', amount: 1, expiresAt: NOW + 1_000 }, NOW)).ok,
    ).toBe(false);
    expect(
      (await store.reserve([hard], { id: 'next', amount: 1, expiresAt: NOW + 5_000 }, NOW + 1_000))
        .ok,
    ).toBe(true);
    const soft = counter('soft', 10, { hard: false });
    await store.settle([soft], 'x', 50, NOW);
    expect(
      await store.reserve([soft], { id: 'y', amount: 1_000, expiresAt: NOW + 1_000 }, NOW),
    ).toEqual({ ok: true });
  });

  it('drops spend older than a rolling window', async () => {
    const store = createRedisBudgetStore(redis, { prefix: uniquePrefix('budget') });
    const rolling = counter('rolling', 1_000, { windowMs: 60_000, expiresAt: 0 });
    await store.settle([rolling], 'a', 300, NOW);
    await store.settle([rolling], 'b', 200, NOW + 30_000);
    expect((await store.read([rolling], NOW + 59_000))[0]?.spent).toBe(500);
    expect((await store.read([rolling], NOW + 61_000))[0]?.spent).toBe(200);
  });

  it('marks an alert once for all processes', async () => {
    const prefix = uniquePrefix('budget');
    const one = createRedisBudgetStore(redis, { prefix });
    const other = createRedisBudgetStore(redis, { prefix });
    const expiresAt = Date.now() + 60_000;
    const marks = await Promise.all([
      one.markAlert('k', 0.5, expiresAt),
      other.markAlert('k', 0.5, expiresAt),
    ]);
    expect(marks.sort()).toEqual([false, true]);
    expect(await one.markAlert('k', 0.8, expiresAt)).toBe(true);
  });
});
