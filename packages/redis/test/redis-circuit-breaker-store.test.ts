import {
  type CircuitBreakerSettings,
  type CircuitBreakerStore,
  createMemoryCircuitBreakerStore,
} from '@stratum/middleware';
import { describe, expect, it } from 'vitest';
import { createRedisCircuitBreakerStore } from '../src/index.js';
import { connectRedis, uniquePrefix } from './support/redis.js';

const redis = connectRedis();
const settings: CircuitBreakerSettings = {
  failureThreshold: 3,
  windowMs: 60_000,
  cooldownMs: 30_000,
  halfOpenMaxProbes: 1,
};

/** The same rules, checked against the memory store and the Redis one. */
const stores: Array<[string, () => CircuitBreakerStore]> = [
  ['memory', () => createMemoryCircuitBreakerStore()],
  ['redis', () => createRedisCircuitBreakerStore(redis, { prefix: uniquePrefix('circuit') })],
];

describe.each(stores)('the %s circuit breaker store', (_name, createStore) => {
  it('opens at the threshold of failures within the window, and refuses until the cooldown', async () => {
    const store = createStore();
    expect(await store.record('k', 'failure', false, settings, 1_000)).toEqual({
      previous: 'closed',
      state: 'closed',
    });
    await store.record('k', 'failure', false, settings, 2_000);
    expect(await store.record('k', 'failure', false, settings, 3_000)).toEqual({
      previous: 'closed',
      state: 'open',
    });
    expect(await store.admit('k', settings, 32_999)).toEqual({
      allowed: false,
      state: 'open',
      probe: false,
      probeAt: 33_000,
    });
    expect(await store.admit('other', settings, 4_000)).toMatchObject({
      allowed: true,
      state: 'closed',
    });
  });

  it('forgets failures older than the window', async () => {
    const store = createStore();
    await store.record('k', 'failure', false, settings, 0);
    await store.record('k', 'failure', false, settings, 1_000);
    const later = await store.record('k', 'failure', false, settings, 61_000);
    expect(later.state).toBe('closed');
    // The window now holds 61 000 only; two more failures make three.
    expect((await store.record('k', 'failure', false, settings, 61_500)).state).toBe('closed');
    expect((await store.record('k', 'failure', false, settings, 62_000)).state).toBe('open');
  });

  it('lets one probe through after the cooldown; its success closes the circuit', async () => {
    const store = createStore();
    for (const at of [1, 2, 3]) await store.record('k', 'failure', false, settings, at);
    expect(await store.admit('k', settings, 30_003)).toEqual({
      allowed: true,
      state: 'half-open',
      probe: true,
      previous: 'open',
    });
    expect(await store.admit('k', settings, 30_004)).toMatchObject({
      allowed: false,
      state: 'half-open',
    });
    expect(await store.record('k', 'success', true, settings, 30_010)).toEqual({
      previous: 'half-open',
      state: 'closed',
    });
    expect(await store.admit('k', settings, 30_011)).toMatchObject({
      allowed: true,
      state: 'closed',
      probe: false,
    });
  });

  it('reopens when the probe fails, and frees the probe slot on a neutral outcome', async () => {
    const store = createStore();
    for (const at of [1, 2, 3]) await store.record('k', 'failure', false, settings, at);
    await store.admit('k', settings, 30_003);
    expect(await store.record('k', 'neutral', true, settings, 30_004)).toEqual({
      previous: 'half-open',
      state: 'half-open',
    });
    expect(await store.admit('k', settings, 30_005)).toMatchObject({ allowed: true, probe: true });
    expect(await store.record('k', 'failure', true, settings, 30_006)).toEqual({
      previous: 'half-open',
      state: 'open',
    });
    expect(await store.admit('k', settings, 60_005)).toMatchObject({
      allowed: false,
      probeAt: 60_006,
    });
  });

  it('does not stay stuck when a probe never reports back', async () => {
    const store = createStore();
    for (const at of [1, 2, 3]) await store.record('k', 'failure', false, settings, at);
    await store.admit('k', settings, 30_003);
    expect(await store.admit('k', settings, 60_002)).toMatchObject({ allowed: false });
    expect(await store.admit('k', settings, 60_003)).toMatchObject({ allowed: true, probe: true });
  });
});

describe('createRedisCircuitBreakerStore', () => {
  it('gives exactly one probe to many concurrent callers', async () => {
    const store = createRedisCircuitBreakerStore(redis, { prefix: uniquePrefix('circuit') });
    for (const at of [1, 2, 3]) await store.record('k', 'failure', false, settings, at);
    const admissions = await Promise.all(
      Array.from({ length: 20 }, () => store.admit('k', settings, 40_000)),
    );
    expect(admissions.filter((admission) => admission.allowed)).toHaveLength(1);
  });
});
