import { type ChatResponse, createClient, type StreamEvent } from '@stratum/core';
import { describe, expect, it } from 'vitest';
import {
  type CachedChatResponse,
  type CacheStore,
  createMemoryCacheStore,
  type RequestCacheControl,
  readCacheState,
  responseCache,
} from '../src/index.js';
import { clientWith, collect, contextSpy, hello, mockProvider } from './support/test-client.js';

// 1000 input tokens at $2/M + 500 output tokens at $8/M = $0.002 + $0.004 = $0.006.
const reply = { text: 'Cached answer', usage: { inputTokens: 1_000, outputTokens: 500 } };

function isCached(response: ChatResponse): response is CachedChatResponse {
  return response.cached === true;
}

describe('responseCache', () => {
  it('answers a repeated request from the cache at zero cost and reports what it saved', async () => {
    const provider = mockProvider(reply);
    const cache = responseCache();
    const client = clientWith(provider, [cache]);
    const first = await client.chat(hello);
    expect(first.cached).toBeUndefined();
    expect(first.cost?.total).toBe(0.006);
    const second = await client.chat(hello);
    const third = await client.chat(hello);
    expect(provider.calls).toHaveLength(1);
    expect(second.text).toBe('Cached answer');
    expect(second.cached).toBe(true);
    expect(second.cost?.total).toBe(0);
    expect(second.usage).toEqual(first.usage);
    if (!isCached(second)) throw new Error('expected a cached response');
    expect(second.cacheInfo.costSaved).toBe(0.006);
    expect(second.cacheInfo.key).toMatch(/^v1:[0-9a-f]{64}$/);
    // A hit does no provider work; the bound only leaves room for a loaded machine.
    expect(second.latencyMs).toBeLessThan(first.latencyMs + 1_000);
    expect(third.cached).toBe(true);
    // Two hits of $0.006 each.
    expect(cache.stats()).toEqual({
      hits: 2,
      misses: 1,
      stores: 1,
      costSaved: 0.012,
      hitRate: 2 / 3,
    });
    cache.resetStats();
    expect(cache.stats()).toEqual({ hits: 0, misses: 0, stores: 0, costSaved: 0, hitRate: 0 });
  });

  it('adds up savings exactly over many small hits', async () => {
    // 3 input tokens at $2/M + 1 output token at $8/M = $0.000014 per call.
    const provider = mockProvider({ text: 'tiny', usage: { inputTokens: 3, outputTokens: 1 } });
    const cache = responseCache();
    const client = clientWith(provider, [cache]);
    for (let call = 0; call < 101; call += 1) await client.chat(hello);
    // 100 hits * $0.000014 = $0.0014, with no floating-point drift.
    expect(cache.stats().costSaved).toBe(0.0014);
  });

  it('matches on what shapes the answer and ignores what does not', async () => {
    const provider = mockProvider(reply);
    const client = createClient({
      providers: [provider],
      aliases: { cheap: 'mock/priced' },
      middleware: [responseCache()],
    });
    await client.chat({
      model: 'mock/priced',
      temperature: 0,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    const sameAnswer = [
      // Another name for the same model; keys in another order; metadata, tags, timeout, signal.
      { model: 'cheap', temperature: 0, messages: [{ content: 'Hi', role: 'user' as const }] },
      {
        model: 'mock/priced',
        temperature: 0,
        messages: [{ role: 'user' as const, content: 'Hi' }],
        metadata: { user: 'u1' },
        tags: ['a'],
        timeoutMs: 9_000,
        signal: new AbortController().signal,
        cache: { ttlMs: 5_000 },
      },
    ];
    for (const request of sameAnswer) expect((await client.chat(request)).cached).toBe(true);
    expect(provider.calls).toHaveLength(1);
    const otherAnswer = [
      {
        model: 'mock/priced',
        temperature: 0.5,
        messages: [{ role: 'user' as const, content: 'Hi' }],
      },
      {
        model: 'mock/priced',
        temperature: 0,
        messages: [{ role: 'user' as const, content: 'Hi!' }],
      },
      {
        model: 'mock/priced',
        temperature: 0,
        messages: [{ role: 'user' as const, content: 'Hi' }],
        tools: [{ name: 'lookup', parameters: { type: 'object' } }],
      },
      {
        model: 'mock/priced',
        temperature: 0,
        messages: [{ role: 'user' as const, content: 'Hi' }],
        responseFormat: { type: 'json' as const },
      },
      {
        model: 'mock/priced',
        temperature: 0,
        messages: [{ role: 'user' as const, content: 'Hi' }],
        providerOptions: { mock: { user: 'x' } },
      },
      { model: 'mock/other', temperature: 0, messages: [{ role: 'user' as const, content: 'Hi' }] },
    ];
    for (const request of otherAnswer) expect((await client.chat(request)).cached).toBeUndefined();
    expect(provider.calls).toHaveLength(1 + otherAnswer.length);
  });

  it('honours bypass, noStore, false, per-request ttlMs and opt-in when disabled', async () => {
    // lru-cache reads a start time of 0 as "no TTL", so the clock starts later.
    let clock = 1_000;
    const provider = mockProvider(reply);
    const store = createMemoryCacheStore({ now: () => clock });
    const client = clientWith(provider, [responseCache({ store, ttlMs: 60_000 })]);
    const withCache = (cache: RequestCacheControl) => ({ ...hello, cache });

    expect((await client.chat(withCache({ noStore: true }))).cached).toBeUndefined();
    expect(store.size).toBe(0);
    expect((await client.chat(withCache(false))).cached).toBeUndefined();
    expect(store.size).toBe(0);
    await client.chat(withCache({ ttlMs: 1_000 }));
    expect(store.size).toBe(1);
    expect((await client.chat(hello)).cached).toBe(true);
    // The request's own 1 s TTL, not the middleware's 60 s.
    clock = 2_001;
    expect((await client.chat(hello)).cached).toBeUndefined();
    expect((await client.chat(withCache({ bypass: true }))).cached).toBeUndefined();
    expect(provider.calls).toHaveLength(5);
    // The bypass stored its fresh answer at 2001 with the default 60 s.
    clock = 62_000;
    expect((await client.chat(hello)).cached).toBe(true);
    clock = 62_002;
    expect((await client.chat(hello)).cached).toBeUndefined();
    expect(provider.calls).toHaveLength(6);

    const optIn = mockProvider(reply);
    const disabled = clientWith(optIn, [responseCache({ enabled: false })]);
    await disabled.chat(hello);
    expect((await disabled.chat(hello)).cached).toBeUndefined();
    await disabled.chat(withCache(true));
    expect((await disabled.chat(withCache(true))).cached).toBe(true);
    expect(optIn.calls).toHaveLength(3);
  });

  it('replays a cached answer as a stream: text deltas, then finish', async () => {
    const provider = mockProvider(reply);
    const client = clientWith(provider, [responseCache()]);
    await client.chat(hello);
    const events = await collect(client.stream(hello));
    expect(events.map((event) => event.type)).toEqual(['text-delta', 'finish']);
    expect(events[0]).toEqual({ type: 'text-delta', text: 'Cached answer' });
    const finish = events[1];
    if (finish?.type !== 'finish') throw new Error('expected finish');
    expect(finish.response).toMatchObject({
      cached: true,
      cost: { total: 0 },
      text: 'Cached answer',
    });
    expect(provider.calls).toHaveLength(1);
  });

  it('stores a finished stream and serves it to later streams and chats, tool calls included', async () => {
    const provider = mockProvider({
      text: 'Let me look.',
      toolCalls: [{ id: 'call_1', name: 'lookup', arguments: { city: 'Paris' } }],
      usage: { inputTokens: 10, outputTokens: 8 },
    });
    const spy = contextSpy();
    const client = clientWith(provider, [responseCache(), spy.middleware]);
    const live = await collect(client.stream(hello));
    const replayed: StreamEvent[] = await collect(client.stream(hello));
    const chat = await client.chat(hello);
    expect(provider.calls).toHaveLength(1);
    const shape = (events: StreamEvent[]) =>
      events.map((event) =>
        event.type === 'text-delta'
          ? event.text
          : event.type === 'tool-call'
            ? `${event.toolCall.name}(${event.toolCall.rawArguments})`
            : event.type,
      );
    expect(shape(replayed)).toEqual([
      'Let me look.',
      'tool-call-delta',
      'lookup({"city":"Paris"})',
      'finish',
    ]);
    expect(shape(live).join('')).toContain('lookup({"city":"Paris"})');
    expect(chat.toolCalls).toEqual([
      {
        id: 'call_1',
        name: 'lookup',
        arguments: { city: 'Paris' },
        rawArguments: '{"city":"Paris"}',
      },
    ]);
    expect(chat.cached).toBe(true);
  });

  it('never stores a stream cut short or a failed call', async () => {
    const provider = mockProvider([
      { error: { status: 503, message: 'cut' }, text: 'half an answer', afterChunks: 1 },
      { error: { status: 500, message: 'boom' } },
      reply,
    ]);
    const store = createMemoryCacheStore();
    const client = clientWith(provider, [responseCache({ store })]);
    await expect(collect(client.stream(hello))).rejects.toThrow(/cut/);
    await expect(client.chat(hello)).rejects.toThrow(/boom/);
    expect(store.size).toBe(0);
    expect((await client.chat(hello)).text).toBe('Cached answer');
    expect(store.size).toBe(1);
  });

  it('records the outcome in context.state for logging and tracing', async () => {
    const provider = mockProvider(reply);
    const spy = contextSpy();
    const outer = contextSpy();
    const client = clientWith(provider, [outer.middleware, responseCache(), spy.middleware]);
    await client.chat(hello);
    await client.chat(hello);
    expect(readCacheState(outer.contexts[0]!)).toMatchObject({ hit: false });
    expect(readCacheState(outer.contexts[1]!)).toMatchObject({ hit: true, costSaved: 0.006 });
  });

  it('carries on uncached when the store fails, and says so once', async () => {
    const failures: unknown[] = [];
    const broken: CacheStore = {
      get: () => Promise.reject(new Error('store down')),
      set: () => Promise.reject(new Error('store down')),
      delete: () => undefined,
    };
    const provider = mockProvider(reply);
    const client = clientWith(provider, [
      responseCache({ store: broken, onStoreError: (error) => failures.push(error) }),
    ]);
    expect((await client.chat(hello)).text).toBe('Cached answer');
    expect((await client.chat(hello)).cached).toBeUndefined();
    expect(provider.calls).toHaveLength(2);
    expect(failures).toHaveLength(4);
  });
});

describe('createMemoryCacheStore', () => {
  const entry = (text: string) => ({
    storedAt: 0,
    response: {
      id: 'r',
      provider: 'mock',
      model: 'm',
      modelId: 'mock/m',
      text,
      content: [{ type: 'text' as const, text }],
      toolCalls: [],
      finishReason: 'stop' as const,
      usage: {
        inputTokens: 1,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        outputTokens: 1,
        reasoningTokens: 0,
        totalTokens: 2,
      },
      cost: undefined,
      latencyMs: 1,
      warnings: [],
    },
  });
  const bytesOf = (text: string) => Buffer.byteLength(JSON.stringify(entry(text)), 'utf8');

  it('evicts the least recently used entry past maxEntries', () => {
    const store = createMemoryCacheStore({ maxEntries: 2 });
    store.set('a', entry('A'), 60_000);
    store.set('b', entry('B'), 60_000);
    expect(store.get('a')?.response.text).toBe('A');
    store.set('c', entry('C'), 60_000);
    expect(store.get('b')).toBeUndefined();
    expect(store.get('a')?.response.text).toBe('A');
    expect(store.get('c')?.response.text).toBe('C');
    expect(store.size).toBe(2);
  });

  it('evicts by bytes, counting UTF-8, and refuses an entry larger than maxBytes', () => {
    const text = 'é'.repeat(100);
    const size = bytesOf(text);
    const store = createMemoryCacheStore({ maxBytes: size * 2 + 10 });
    store.set('a', entry(text), 60_000);
    store.set('b', entry(text), 60_000);
    expect(store.bytes).toBe(size * 2);
    store.set('c', entry(text), 60_000);
    expect(store.size).toBe(2);
    expect(store.get('a')).toBeUndefined();
    store.set('huge', entry('x'.repeat(size * 3)), 60_000);
    expect(store.get('huge')).toBeUndefined();
    expect(store.bytes).toBeLessThanOrEqual(size * 2 + 10);
  });

  it('expires entries after their TTL', () => {
    let clock = 1_000;
    const store = createMemoryCacheStore({ now: () => clock });
    store.set('a', entry('A'), 500);
    clock = 1_499;
    expect(store.get('a')?.response.text).toBe('A');
    clock = 1_501;
    expect(store.get('a')).toBeUndefined();
  });

  it('hands out copies, so a caller changing a hit does not change the cache', () => {
    const store = createMemoryCacheStore();
    store.set('a', entry('A'), 60_000);
    const first = store.get('a');
    if (!first) throw new Error('expected an entry');
    first.response.text = 'changed';
    expect(store.get('a')?.response.text).toBe('A');
  });
});
