import { createClient } from '@stratum/core';
import { responseCache } from '@stratum/middleware';
import { createMockProvider } from '@stratum/testing';
import { describe, expect, it } from 'vitest';
import { createRedisCacheStore } from '../src/index.js';
import { connectRedis, uniquePrefix } from './support/redis.js';

const redis = connectRedis();

const entry = {
  storedAt: 1_700_000_000_000,
  response: {
    id: 'r1',
    provider: 'openai',
    model: 'gpt-4.1-mini',
    modelId: 'openai/gpt-4.1-mini',
    text: 'héllo',
    content: [{ type: 'text' as const, text: 'héllo' }],
    toolCalls: [],
    finishReason: 'stop' as const,
    usage: {
      inputTokens: 3,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 2,
      reasoningTokens: 0,
      totalTokens: 5,
    },
    cost: undefined,
    latencyMs: 12,
    warnings: [],
  },
};

describe('createRedisCacheStore', () => {
  it('round-trips an entry under its prefix with a TTL', async () => {
    const prefix = uniquePrefix('cache');
    const store = createRedisCacheStore(redis, { prefix });
    await store.set('k1', entry, 60_000);
    expect(await store.get('k1')).toEqual(entry);
    const ttl = await redis.pttl(`${prefix}k1`);
    expect(ttl).toBeGreaterThan(59_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await store.delete('k1');
    expect(await store.get('k1')).toBeUndefined();
  });

  it('lets Redis expire entries', async () => {
    const store = createRedisCacheStore(redis, { prefix: uniquePrefix('cache') });
    // Long enough to read back on a loaded machine, short enough to wait out.
    await store.set('short', entry, 2_000);
    expect(await store.get('short')).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    expect(await store.get('short')).toBeUndefined();
  });

  it('keeps prefixes apart and ignores values that are not entries', async () => {
    const prefix = uniquePrefix('cache');
    const one = createRedisCacheStore(redis, { prefix });
    const other = createRedisCacheStore(redis, { prefix: uniquePrefix('cache') });
    await one.set('k', entry, 60_000);
    expect(await other.get('k')).toBeUndefined();
    await redis.set(`${prefix}garbage`, 'not json');
    await redis.set(`${prefix}wrong`, JSON.stringify({ hello: 'world' }));
    expect(await one.get('garbage')).toBeUndefined();
    expect(await one.get('wrong')).toBeUndefined();
  });

  it('gives two clients with their own middleware one shared cache', async () => {
    const store = createRedisCacheStore(redis, { prefix: uniquePrefix('cache') });
    const provider = createMockProvider({
      responses: { text: 'shared', usage: { inputTokens: 1, outputTokens: 1 } },
    });
    const request = { model: 'mock/m', messages: [{ role: 'user' as const, content: 'hi' }] };
    const first = createClient({ providers: [provider], middleware: [responseCache({ store })] });
    const second = createClient({ providers: [provider], middleware: [responseCache({ store })] });
    expect((await first.chat(request)).cached).toBeUndefined();
    expect((await second.chat(request)).cached).toBe(true);
    expect(provider.calls).toHaveLength(1);
  });
});
