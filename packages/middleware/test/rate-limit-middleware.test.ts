import { AbortError, ConfigurationError, RateLimitError } from '@stratum/core';
import { estimateMessageTokens, estimateTokens } from '@stratum/tokenizer';
import { describe, expect, it } from 'vitest';
import {
  createMemoryRateLimitStore,
  estimateRequestTokens,
  estimateRequestTokensFromCharacters,
  type RateLimitDemand,
  type RateLimitStore,
  rateLimit,
} from '../src/index.js';
import { clientWith, collect, hello, mockProvider, rejection } from './support/test-client.js';

const reply = { text: 'ok', usage: { inputTokens: 6, outputTokens: 4 } };

/** The memory store, with every call it receives written down. */
function recordingStore(now?: () => number) {
  const inner = createMemoryRateLimitStore(now ? { now } : {});
  const acquired: Array<{ key: string; demands: RateLimitDemand[] }> = [];
  const adjusted: Array<{ key: string; demand: RateLimitDemand }> = [];
  const store: RateLimitStore = {
    async acquire(key, demands) {
      const decision = await inner.acquire(key, demands);
      if (decision.ok) acquired.push({ key, demands: [...demands] });
      return decision;
    },
    adjust(key, demand) {
      adjusted.push({ key, demand });
      return inner.adjust(key, demand);
    },
  };
  return { store, acquired, adjusted };
}

describe('memory rate-limit store', () => {
  const requests = { bucket: 'requests' as const, capacity: 2, refillPerMs: 0.001 };
  const tokens = { bucket: 'tokens' as const, capacity: 100, refillPerMs: 0.01 };

  it('takes from all buckets or none, and says when the demand will fit', () => {
    let clock = 0;
    const store = createMemoryRateLimitStore({ now: () => clock });
    expect(
      store.acquire('k', [
        { ...requests, amount: 1 },
        { ...tokens, amount: 80 },
      ]),
    ).toEqual({ ok: true });
    // 20 tokens left; 50 more need 30 / 0.01 = 3000 ms. The request slot is not taken.
    expect(
      store.acquire('k', [
        { ...requests, amount: 1 },
        { ...tokens, amount: 50 },
      ]),
    ).toEqual({
      ok: false,
      retryInMs: 3_000,
    });
    expect(
      store.acquire('k', [
        { ...requests, amount: 1 },
        { ...tokens, amount: 20 },
      ]),
    ).toEqual({ ok: true });
    // Both requests used: the next one needs 1 / 0.001 = 1000 ms.
    expect(store.acquire('k', [{ ...requests, amount: 1 }])).toEqual({
      ok: false,
      retryInMs: 1_000,
    });
    clock = 1_000;
    expect(store.acquire('k', [{ ...requests, amount: 1 }])).toEqual({ ok: true });
  });

  it('lets adjust run a debt below zero and refund up to the capacity', () => {
    let clock = 0;
    const store = createMemoryRateLimitStore({ now: () => clock });
    expect(store.acquire('k', [{ ...tokens, amount: 100 }])).toEqual({ ok: true });
    store.adjust('k', { ...tokens, amount: 50 });
    // Level -50: 10 tokens need 60 / 0.01 = 6000 ms.
    expect(store.acquire('k', [{ ...tokens, amount: 10 }])).toEqual({
      ok: false,
      retryInMs: 6_000,
    });
    store.adjust('k', { ...tokens, amount: -1_000 });
    expect(store.acquire('k', [{ ...tokens, amount: 100 }])).toEqual({ ok: true });
    clock = 10;
    expect(store.acquire('k', [{ ...tokens, amount: 1 }])).toEqual({ ok: false, retryInMs: 90 });
  });
});

describe('rateLimit', () => {
  it('spreads calls over the limit instead of failing them, first come first served', async () => {
    const provider = mockProvider(reply);
    // 600 per minute with one second of burst: 10 at once, then one every 100 ms.
    const client = clientWith(provider, [rateLimit({ requestsPerMinute: 600, burstSeconds: 1 })]);
    const started = performance.now();
    const finished: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        client.chat({ ...hello, metadata: { index } }).then(() => {
          finished.push(index);
        }),
      ),
    );
    const elapsed = performance.now() - started;
    expect(provider.calls).toHaveLength(20);
    // The 20th call needs 10 refills of 100 ms.
    expect(elapsed).toBeGreaterThanOrEqual(950);
    // Generous: a loaded machine runs timers late, and the order below is the real check.
    expect(elapsed).toBeLessThan(15_000);
    expect(finished).toEqual(Array.from({ length: 20 }, (_, index) => index));
  });

  it('refuses a call when the queue is full, saying the client-side limiter did it', async () => {
    const provider = mockProvider(reply);
    const client = clientWith(provider, [
      rateLimit({ requestsPerMinute: 60, burstSeconds: 1, maxQueue: 1 }),
    ]);
    const first = client.chat(hello);
    const queued = client.chat(hello);
    const refused = await rejection(client.chat(hello));
    expect(refused).toBeInstanceOf(RateLimitError);
    expect(refused).toMatchObject({ retryable: false, vendorCode: 'client_rate_limit_queue_full' });
    expect(String(refused)).toMatch(/client-side rate limiter for mock\/priced .*maxQueue/);
    await first;
    await queued;
    expect(provider.calls).toHaveLength(2);
  });

  it('gives up on a call that waited queueTimeoutMs', async () => {
    const provider = mockProvider(reply);
    const client = clientWith(provider, [
      rateLimit({ requestsPerMinute: 1, burstSeconds: 1, queueTimeoutMs: 100 }),
    ]);
    await client.chat(hello);
    const started = performance.now();
    const error = await rejection(client.chat(hello));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ vendorCode: 'client_rate_limit_timeout', retryable: false });
    expect(String(error)).toMatch(/client-side rate limiter .* 100 ms \(queueTimeoutMs\)/);
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
    expect(provider.calls).toHaveLength(1);
  });

  it('lets the caller abort a call that is waiting', async () => {
    const provider = mockProvider(reply);
    const client = clientWith(provider, [rateLimit({ requestsPerMinute: 1, burstSeconds: 1 })]);
    await client.chat(hello);
    const controller = new AbortController();
    const waiting = client.chat({ ...hello, signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    expect(await rejection(waiting)).toBeInstanceOf(AbortError);
    expect(provider.calls).toHaveLength(1);
  });

  it('reserves estimated tokens and corrects them with the reported usage', async () => {
    const provider = mockProvider([reply, { error: { status: 500, message: 'boom' } }]);
    const { store, acquired, adjusted } = recordingStore();
    const client = clientWith(provider, [
      rateLimit({ tokensPerMinute: 60_000, store, estimateTokens: () => 50 }),
    ]);
    await client.chat(hello);
    await rejection(client.chat(hello));
    expect(
      acquired.map((entry) => entry.demands.map((demand) => [demand.bucket, demand.amount])),
    ).toEqual([[['tokens', 50]], [['tokens', 50]]]);
    // Used 6 + 4 = 10 of the 50 reserved: 40 back. The failed call gives all 50 back.
    expect(adjusted.map((entry) => entry.demand.amount)).toEqual([-40, -50]);
  });

  it('corrects a stream’s tokens at its finish event', async () => {
    const provider = mockProvider({
      text: 'one two',
      usage: { inputTokens: 30, outputTokens: 90 },
    });
    const { store, adjusted } = recordingStore();
    const client = clientWith(provider, [
      rateLimit({ tokensPerMinute: 60_000, store, estimateTokens: () => 100 }),
    ]);
    expect((await collect(client.stream(hello).textStream)).join('')).toBe('one two');
    // 30 + 90 = 120 used, 100 reserved: 20 more taken.
    expect(adjusted.map((entry) => entry.demand.amount)).toEqual([20]);
  });

  it('keys limits per model by default, per provider on request, with overrides', async () => {
    const provider = mockProvider(reply);
    const perModel = recordingStore();
    const perProvider = recordingStore();
    await clientWith(provider, [
      rateLimit({
        requestsPerMinute: 100,
        store: perModel.store,
        limits: { 'mock/other': { requestsPerMinute: 5 } },
      }),
    ]).chat({ ...hello, model: 'mock/other' });
    await clientWith(provider, [
      rateLimit({
        requestsPerMinute: 100,
        per: 'provider',
        store: perProvider.store,
        keyPrefix: 'app1:',
      }),
    ]).chat({ ...hello, model: 'mock/other' });
    expect(perModel.acquired[0]?.key).toBe('mock/other');
    // The override: 5 per minute, burst of a whole minute.
    expect(perModel.acquired[0]?.demands[0]).toMatchObject({
      capacity: 5,
      refillPerMs: 5 / 60_000,
    });
    expect(perProvider.acquired[0]?.key).toBe('app1:mock');
    expect(perProvider.acquired[0]?.demands[0]).toMatchObject({ capacity: 100 });
  });

  it('estimates tokens with the tokenizer, plus tool schemas and maxOutputTokens', async () => {
    const request = {
      model: 'openai/gpt-4.1-mini',
      maxOutputTokens: 100,
      messages: [{ role: 'user' as const, content: 'Hello world' }],
    };
    const model = {
      id: 'openai/gpt-4.1-mini',
      provider: 'openai',
      name: 'gpt-4.1-mini',
      info: undefined,
    };
    // o200k_base: 3 (reply priming) + 3 (message framing) + 1 ("user") + 2 ("Hello", " world") = 9.
    expect(await estimateRequestTokens(request, model)).toBe(9 + 100);
    const tools = [{ name: 'lookup', parameters: { type: 'object' } }];
    const withTools = await estimateRequestTokens({ ...request, tools }, model);
    expect(withTools - 109).toBe(
      await estimateTokens(JSON.stringify(tools), { model: 'gpt-4.1-mini' }),
    );
    expect(withTools).toBeGreaterThan(109);
  });

  it('counts a conversation the same whether its messages were counted before or not', async () => {
    const model = { id: 'openai/gpt-4o', provider: 'openai', name: 'gpt-4o', info: undefined };
    const history = [
      { role: 'system' as const, content: 'You answer in one sentence.' },
      { role: 'user' as const, content: `A question asked at ${Date.now()}?` },
      { role: 'assistant' as const, content: [{ type: 'text' as const, text: 'An answer.' }] },
    ];
    const exact = await estimateMessageTokens(history, { model: 'gpt-4o' });
    const request = { model: 'openai/gpt-4o', messages: history };
    // The first call counts every message; the second finds the text messages remembered.
    expect(await estimateRequestTokens(request, model)).toBe(exact);
    // Once the tokenizer's tables are loaded the count is synchronous: no promise per call.
    expect(estimateRequestTokens(request, model)).toBe(exact);
    const longer = [...history, { role: 'user' as const, content: 'And another?' }];
    expect(await estimateRequestTokens({ ...request, messages: longer }, model)).toBe(
      await estimateMessageTokens(longer, { model: 'gpt-4o' }),
    );
    // Per model: the same text under an older encoding is counted again, not read back.
    const gpt4 = { ...model, id: 'openai/gpt-4', name: 'gpt-4' };
    expect(await estimateRequestTokens(request, gpt4)).toBe(
      await estimateMessageTokens(history, { model: 'gpt-4' }),
    );
  });

  it('estimates tokens from characters, images, tools and maxOutputTokens', () => {
    const estimate = estimateRequestTokensFromCharacters({
      model: 'x',
      maxOutputTokens: 100,
      messages: [
        { role: 'system', content: 'a'.repeat(40) },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'b'.repeat(20) },
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' } },
          ],
        },
      ],
    });
    // 2 messages * 4 + 1 image * 765 + ceil(60 chars / 4) + 100 = 8 + 765 + 15 + 100.
    expect(estimate).toBe(888);
  });

  it('rejects settings that cannot work', () => {
    expect(() => rateLimit({})).toThrow(ConfigurationError);
    expect(() => rateLimit({ requestsPerMinute: -5 })).toThrow(/requestsPerMinute/);
    expect(() => rateLimit({ requestsPerMinute: 5, burstSeconds: 0 })).toThrow(/burstSeconds/);
    expect(() => rateLimit({ requestsPerMinute: 5, maxQueue: 1.5 })).toThrow(/maxQueue/);
    expect(() => rateLimit({ limits: { openai: { tokensPerMinute: 0 } } })).toThrow(
      /limits\['openai'\]/,
    );
  });
});
