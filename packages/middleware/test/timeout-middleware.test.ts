import {
  AbortError,
  type CallContext,
  ConfigurationError,
  type StreamEvent,
  TimeoutError,
} from '@stratum/core';
import { describe, expect, it } from 'vitest';
import { readRetryState, retry, timeout } from '../src/index.js';
import {
  clientWith,
  collect,
  contextSpy,
  hello,
  mockProvider,
  rejection,
} from './support/test-client.js';

const quick = { text: 'fast answer', usage: { inputTokens: 4, outputTokens: 2 } };

describe('timeout', () => {
  it('ends a slow attempt with a retryable TimeoutError and aborts its request', async () => {
    // The answer would take a minute: any end well before that is the timeout's doing.
    const provider = mockProvider([{ ...quick, latencyMs: 60_000 }]);
    const client = clientWith(provider, [timeout({ attemptMs: 50 })]);
    const started = performance.now();
    const error = await rejection(client.chat(hello));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ retryable: true, provider: 'mock', model: 'priced' });
    expect(String(error)).toMatch(/within 50 ms \(timeout attemptMs\)/);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(provider.calls[0]?.request.signal?.aborted).toBe(true);
  });

  it('keeps the caller’s signal working alongside its own', async () => {
    const provider = mockProvider([{ ...quick, latencyMs: 60_000 }]);
    const controller = new AbortController();
    const client = clientWith(provider, [timeout({ attemptMs: 30_000 })]);
    const call = client.chat({ ...hello, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect(await rejection(call)).toBeInstanceOf(AbortError);
  });

  it('lets a retry before it try again after an attempt timed out', async () => {
    const provider = mockProvider([{ ...quick, latencyMs: 60_000 }, quick]);
    const client = clientWith(provider, [
      retry({ sleep: async () => {}, budget: false }),
      // Long enough for the quick second answer on a loaded machine.
      timeout({ attemptMs: 1_000 }),
    ]);
    expect((await client.chat(hello)).text).toBe('fast answer');
    expect(provider.calls).toHaveLength(2);
    expect(provider.calls[0]?.request.signal?.aborted).toBe(true);
    expect(provider.calls[1]?.request.signal?.aborted).toBe(false);
  });

  it('bounds the whole call, retries included, with a TimeoutError that is not retried', async () => {
    // Two quick failures are retried, then an answer that would take a minute is cut by the
    // total. The attempt limit is far longer than the total, so which timer fires first does
    // not depend on how busy the machine is.
    const busy = { error: { status: 503, message: 'busy' } };
    const provider = mockProvider([busy, busy, { ...quick, latencyMs: 60_000 }]);
    const spy = contextSpy();
    const client = clientWith(provider, [
      retry({ maxAttempts: 10, baseDelayMs: 1, budget: false }),
      spy.middleware,
      timeout({ attemptMs: 30_000, totalMs: 2_000 }),
    ]);
    const started = performance.now();
    const error = await rejection(client.chat(hello));
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ retryable: false });
    expect(String(error)).toMatch(/totalMs/);
    expect(provider.calls).toHaveLength(3);
    expect(provider.calls[2]?.request.signal?.aborted).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(1_990);
    expect(elapsed).toBeLessThan(20_000);
    expect(readRetryState(spy.contexts[0]!)?.stopReason).toBe('not-retryable');
  });

  it('does not start an attempt once the total time is spent', async () => {
    const middleware = timeout({ totalMs: 50 });
    const model = { id: 'mock/priced', provider: 'mock', name: 'priced', info: undefined };
    const context: CallContext = {
      requestId: 'r',
      request: hello,
      model,
      state: new Map<string | symbol, unknown>([['stratum.deadline', performance.now() - 1]]),
      resolveModel: () => model,
      attempt: 3,
    };
    let called = 0;
    const next = async (): Promise<never> => {
      called += 1;
      throw new Error('should not be called');
    };
    const error = await rejection(middleware.chat!(context, next));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ retryable: false });
    const streamNext = async function* (): AsyncGenerator<StreamEvent> {
      called += 1;
      yield { type: 'text-delta', text: 'should not be called' };
    };
    const streamError = await rejection(collect(middleware.stream!(context, streamNext)));
    expect(streamError).toBeInstanceOf(TimeoutError);
    expect(called).toBe(0);
  });

  it('lets retry skip a wait that would cross the total deadline', async () => {
    const provider = mockProvider({ error: { status: 503, message: 'busy' } });
    const spy = contextSpy();
    const client = clientWith(provider, [
      retry({ maxAttempts: 10, baseDelayMs: 60_000, random: () => 0.5, budget: false }),
      spy.middleware,
      timeout({ totalMs: 10_000 }),
    ]);
    const started = performance.now();
    await rejection(client.chat(hello));
    // Waiting would have run into the 10 s total; skipping the wait ends the call at once.
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(provider.calls).toHaveLength(1);
    expect(readRetryState(spy.contexts[0]!)?.stopReason).toBe('deadline');
  });

  it('times out a stream that stalls, closing the provider’s stream', async () => {
    const provider = mockProvider([{ text: 'a b c d e f', chunkDelayMs: 10_000 }]);
    const client = clientWith(provider, [timeout({ attemptMs: 100 })]);
    const texts: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const text of client.stream(hello).textStream) texts.push(text);
      })(),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(texts).toEqual(['a ']);
    expect(provider.calls[0]?.request.signal?.aborted).toBe(true);
  });

  it('leaves a stream that finishes in time alone', async () => {
    const provider = mockProvider([{ text: 'a b c', chunkDelayMs: 5 }]);
    const client = clientWith(provider, [timeout({ attemptMs: 30_000 })]);
    expect((await collect(client.stream(hello).textStream)).join('')).toBe('a b c');
    expect(provider.calls[0]?.request.signal?.aborted).toBe(false);
  });

  it('rejects settings that cannot work', () => {
    expect(() => timeout({})).toThrow(ConfigurationError);
    expect(() => timeout({ attemptMs: 0 })).toThrow(/attemptMs/);
    expect(() => timeout({ totalMs: Number.POSITIVE_INFINITY })).toThrow(/totalMs/);
  });
});
