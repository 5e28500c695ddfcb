import {
  AbortError,
  ConfigurationError,
  ContentFilterError,
  InvalidRequestError,
  ProviderUnavailableError,
  RateLimitError,
  type StreamEvent,
} from '@stratum/core';
import { describe, expect, it } from 'vitest';
import { readRetryState, retry } from '../src/index.js';
import {
  clientWith,
  collect,
  contextSpy,
  hello,
  mockProvider,
  recordingSleep,
  rejection,
} from './support/test-client.js';

const ok = { text: 'Hello there', usage: { inputTokens: 10, outputTokens: 2 } };
const unavailable = { error: { status: 503, message: 'Service Unavailable' } };

describe('retry', () => {
  it('retries retryable failures until one succeeds, and records every attempt', async () => {
    const provider = mockProvider([
      unavailable,
      { error: { status: 529, message: 'Overloaded' } },
      ok,
    ]);
    const { sleep, delays } = recordingSleep();
    const spy = contextSpy();
    const client = clientWith(provider, [
      retry({ maxAttempts: 3, baseDelayMs: 100, random: () => 0.5, sleep, budget: false }),
      spy.middleware,
    ]);
    const response = await client.chat(hello);
    expect(response.text).toBe('Hello there');
    expect(provider.calls).toHaveLength(3);
    expect(spy.attempts).toEqual([1, 2, 3]);
    // Full jitter with random() = 0.5: 0.5 * 100 after the first failure, 0.5 * 200 after the second.
    expect(delays).toEqual([50, 100]);
    const state = readRetryState(spy.contexts[2]!);
    expect(state?.attempts).toBe(3);
    expect(
      state?.failures.map((failure) => [failure.errorCode, failure.status, failure.delayMs]),
    ).toEqual([
      ['provider_unavailable', 503, 50],
      ['provider_unavailable', 529, 100],
    ]);
  });

  it.each([
    [400, 'invalid_request_error', InvalidRequestError],
    [422, undefined, InvalidRequestError],
    [401, undefined, Error],
    [403, undefined, Error],
    [404, undefined, Error],
  ])('never retries a %i', async (status, vendorCode, errorClass) => {
    const provider = mockProvider([{ error: { status, vendorCode, message: 'no' } }, ok]);
    const { sleep, delays } = recordingSleep();
    const spy = contextSpy();
    const client = clientWith(provider, [retry({ sleep, budget: false }), spy.middleware]);
    const error = await rejection(client.chat(hello));
    expect(error).toBeInstanceOf(errorClass);
    expect(provider.calls).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(readRetryState(spy.contexts[0]!)?.stopReason).toBe('not-retryable');
  });

  it('never retries a content filter refusal', async () => {
    const provider = mockProvider([
      {
        error: { status: 400, vendorCode: 'content_filter', message: 'blocked by content_filter' },
      },
      ok,
    ]);
    const client = clientWith(provider, [retry({ sleep: async () => {}, budget: false })]);
    expect(await rejection(client.chat(hello))).toBeInstanceOf(ContentFilterError);
    expect(provider.calls).toHaveLength(1);
  });

  it.each([408, 409, 429, 500, 502, 504])('retries a %i', async (status) => {
    const provider = mockProvider([{ error: { status, message: 'try again' } }, ok]);
    const client = clientWith(provider, [retry({ sleep: async () => {}, budget: false })]);
    expect((await client.chat(hello)).text).toBe('Hello there');
    expect(provider.calls).toHaveLength(2);
  });

  it('gives up after maxAttempts with the last error', async () => {
    const provider = mockProvider([unavailable, unavailable, unavailable, ok]);
    const spy = contextSpy();
    const client = clientWith(provider, [
      retry({ maxAttempts: 3, sleep: async () => {}, budget: false }),
      spy.middleware,
    ]);
    const error = await rejection(client.chat(hello));
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(provider.calls).toHaveLength(3);
    expect(readRetryState(spy.contexts[0]!)?.stopReason).toBe('max-attempts');
  });

  it('waits what Retry-After says instead of its own backoff, plus a little jitter', async () => {
    const provider = mockProvider([
      { error: { status: 429, message: 'slow down', headers: { 'retry-after': '2' } } },
      { error: { status: 503, message: 'busy', headers: { 'retry-after-ms': '250' } } },
      ok,
    ]);
    const { sleep, delays } = recordingSleep();
    const client = clientWith(provider, [
      retry({ maxAttempts: 3, baseDelayMs: 10, random: () => 0.5, sleep, budget: false }),
    ]);
    await client.chat(hello);
    // 2000 + 0.5 * min(10% of 2000, 1000) = 2100; 250 + 0.5 * 25 = 262.5 → 263.
    expect(delays).toEqual([2100, 263]);
  });

  it('reads OpenAI and Anthropic rate-limit reset headers when a 429 has no Retry-After', async () => {
    const now = Date.now();
    const provider = mockProvider([
      {
        error: {
          status: 429,
          message: 'tokens',
          headers: {
            'x-ratelimit-remaining-requests': '50',
            'x-ratelimit-reset-requests': '6m0s',
            'x-ratelimit-remaining-tokens': '0',
            'x-ratelimit-reset-tokens': '1.5s',
          },
        },
      },
      {
        error: {
          status: 429,
          message: 'anthropic',
          headers: {
            'anthropic-ratelimit-requests-remaining': '0',
            'anthropic-ratelimit-requests-reset': new Date(now + 3_000).toISOString(),
          },
        },
      },
      ok,
    ]);
    const { sleep, delays } = recordingSleep();
    const client = clientWith(provider, [retry({ random: () => 0, sleep, budget: false })]);
    await client.chat(hello);
    expect(delays[0]).toBe(1_500);
    // The reset is 3 s away, less the few milliseconds this test took.
    expect(delays[1]).toBeGreaterThan(2_900);
    expect(delays[1]).toBeLessThanOrEqual(3_000);
  });

  it('stops retrying when the vendor asks for a wait longer than retryAfterCapMs', async () => {
    const provider = mockProvider([
      { error: { status: 429, message: 'daily quota', headers: { 'retry-after': '3600' } } },
      ok,
    ]);
    const { sleep, delays } = recordingSleep();
    const spy = contextSpy();
    const client = clientWith(provider, [
      retry({ retryAfterCapMs: 60_000, sleep, budget: false }),
      spy.middleware,
    ]);
    const error = await rejection(client.chat(hello));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 3_600_000 });
    expect(delays).toEqual([]);
    expect(readRetryState(spy.contexts[0]!)?.stopReason).toBe('retry-after-too-long');
  });

  it('caps the backoff at maxDelayMs', async () => {
    const provider = mockProvider([
      unavailable,
      unavailable,
      unavailable,
      unavailable,
      unavailable,
      ok,
    ]);
    const { sleep, delays } = recordingSleep();
    const client = clientWith(provider, [
      retry({
        maxAttempts: 6,
        baseDelayMs: 1_000,
        maxDelayMs: 3_000,
        random: () => 0.999,
        sleep,
        budget: false,
      }),
    ]);
    await client.chat(hello);
    // Windows 1000, 2000, 4000→3000, 8000→3000, 16000→3000; floor(0.999 * window).
    expect(delays).toEqual([999, 1998, 2997, 2997, 2997]);
  });

  it('does not start a wait that would end after the deadline', async () => {
    let clock = 0;
    const provider = mockProvider([unavailable, unavailable, ok]);
    const spy = contextSpy();
    const client = clientWith(provider, [
      retry({
        deadlineMs: 1_000,
        baseDelayMs: 800,
        random: () => 0.99,
        now: () => clock,
        sleep: async (milliseconds) => {
          clock += milliseconds;
        },
        budget: false,
      }),
      spy.middleware,
    ]);
    const error = await rejection(client.chat(hello));
    // First wait: 0.99 * 800 = 792 ms (ends at 792 < 1000). Second: 0.99 * 1600 = 1584 ms, past the deadline.
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(provider.calls).toHaveLength(2);
    expect(readRetryState(spy.contexts[0]!)?.stopReason).toBe('deadline');
  });

  it('ends the wait with an AbortError when the caller aborts', async () => {
    const provider = mockProvider([unavailable, ok]);
    const controller = new AbortController();
    const client = clientWith(provider, [
      retry({ baseDelayMs: 60_000, random: () => 0.5, budget: false }),
    ]);
    const call = client.chat({ ...hello, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const started = performance.now();
    const error = await rejection(call);
    expect(error).toBeInstanceOf(AbortError);
    // The wait was 30 s; anything far below that means the abort cut it short.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(provider.calls).toHaveLength(1);
  });

  it('retries a stream that fails before its first event', async () => {
    const provider = mockProvider([
      { error: { status: 503, message: 'busy' } },
      { text: 'one two three', usage: { inputTokens: 3, outputTokens: 3 } },
    ]);
    const client = clientWith(provider, [retry({ sleep: async () => {}, budget: false })]);
    const stream = client.stream(hello);
    const text = (await collect(stream.textStream)).join('');
    expect(text).toBe('one two three');
    expect(provider.calls).toHaveLength(2);
  });

  it('does not retry a stream once text reached the caller, and the text is never repeated', async () => {
    const provider = mockProvider([
      { error: { status: 503, message: 'cut' }, text: 'one two three', afterChunks: 2 },
      { text: 'one two three' },
    ]);
    const spy = contextSpy();
    const client = clientWith(provider, [
      retry({ sleep: async () => {}, budget: false }),
      spy.middleware,
    ]);
    const received: StreamEvent[] = [];
    const error = await rejection(
      (async () => {
        for await (const event of client.stream(hello)) received.push(event);
      })(),
    );
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(
      received.map((event) => (event.type === 'text-delta' ? event.text : event.type)),
    ).toEqual(['one ', 'two ']);
    expect(provider.calls).toHaveLength(1);
    expect(readRetryState(spy.contexts[0]!)?.stopReason).toBe('after-first-event');
  });

  it('rejects settings that cannot work', () => {
    expect(() => retry({ maxAttempts: 0 })).toThrow(ConfigurationError);
    expect(() => retry({ maxAttempts: 2.5 })).toThrow(/whole number/);
    expect(() => retry({ baseDelayMs: -1 })).toThrow(/baseDelayMs/);
    expect(() => retry({ maxDelayMs: Number.NaN })).toThrow(/maxDelayMs/);
  });
});
