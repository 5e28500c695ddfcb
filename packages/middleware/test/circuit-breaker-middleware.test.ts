import { type ChatRequest, type Middleware, ProviderUnavailableError } from '@stratum/core';
import { describe, expect, it } from 'vitest';
import {
  type BreakerStateChange,
  CIRCUIT_OPEN,
  type CircuitBreakerOptions,
  circuitBreaker,
  fallback,
  type Logger,
} from '../src/index.js';
import { collect, rejection } from './support/test-client.js';
import { reply, twoVendors } from './support/two-vendors.js';

/**
 * The breaker against the OpenAI simulator over HTTP, with a fallback to the Anthropic one.
 * The clock is injected: cooldowns pass by moving it, not by sleeping, so the timing holds on a
 * loaded machine.
 */
const vendors = twoVendors();
const ask: ChatRequest = {
  model: 'openai/gpt-4.1-mini',
  messages: [{ role: 'user', content: 'Are you up?' }],
};
const failures = (count: number, status = 503) =>
  Array.from({ length: count }, () => ({ kind: 'error' as const, status }));

function setup(options: CircuitBreakerOptions = {}) {
  let time = 1_000_000;
  const changes: BreakerStateChange[] = [];
  const lines: string[] = [];
  const logger: Logger = {
    info: (_event, message) => lines.push(`info ${message}`),
    error: (_event, message) => lines.push(`error ${message}`),
  };
  const breaker = circuitBreaker({
    now: () => time,
    onStateChange: (change) => changes.push(change),
    logger,
    ...options,
  });
  /** The time spent in the breaker and below it, per call to OpenAI, as seen from just outside it. */
  const breakerTimes: number[] = [];
  const stopwatch: Middleware = {
    name: 'stopwatch',
    async chat(context, next) {
      const started = performance.now();
      try {
        return await next(context);
      } finally {
        if (context.model.provider === 'openai') breakerTimes.push(performance.now() - started);
      }
    },
  };
  const client = vendors.client([
    fallback({ models: ['anthropic/claude-haiku-4-5'] }),
    stopwatch,
    breaker,
  ]);
  return {
    breaker,
    client,
    changes,
    lines,
    breakerTimes,
    advance: (milliseconds: number) => {
      time += milliseconds;
    },
  };
}

describe('circuitBreaker', () => {
  it('opens after 5 failures within 60 s: the next 100 calls send nothing to the vendor and fall back at once', async () => {
    const { client, breaker, changes, lines, breakerTimes, advance } = setup();
    vendors.openai.enqueue(...failures(5));
    for (let call = 0; call < 5; call += 1) {
      const response = await client.chat(ask);
      expect(response.fallback?.answeredBy).toBe('anthropic/claude-haiku-4-5');
      advance(10_000); // 5 failures over 40 s: inside one 60 s window
    }
    expect(vendors.openai.requests).toHaveLength(5);
    expect(breaker.stateOf('openai/gpt-4.1-mini')).toBe('open');
    expect(changes).toMatchObject([{ key: 'openai/gpt-4.1-mini', from: 'closed', to: 'open' }]);
    expect(lines).toEqual(['error stratum circuit openai/gpt-4.1-mini closed -> open']);

    breakerTimes.length = 0;
    for (let call = 0; call < 100; call += 1) {
      const response = await client.chat(ask);
      expect(response.fallback?.attempts[0]).toMatchObject({
        model: 'openai/gpt-4.1-mini',
        errorClass: 'ProviderUnavailableError',
        vendorCode: CIRCUIT_OPEN,
      });
      expect(response.fallback?.answeredBy).toBe('anthropic/claude-haiku-4-5');
    }
    expect(vendors.openai.requests).toHaveLength(5);
    expect(vendors.anthropic.requests).toHaveLength(105);
    // The breaker's refusal, measured around it: well under 1 ms (generous for a busy machine).
    const sorted = [...breakerTimes].sort((a, b) => a - b);
    expect(sorted).toHaveLength(100);
    expect(sorted[49]).toBeLessThan(1);
    expect(sorted.filter((milliseconds) => milliseconds < 1).length).toBeGreaterThanOrEqual(90);
  });

  it('lets one probe through after the cooldown; its success closes the circuit', async () => {
    const { client, breaker, changes, advance } = setup();
    vendors.openai.enqueue(...failures(5));
    for (let call = 0; call < 5; call += 1) await client.chat(ask);
    advance(29_999);
    await client.chat(ask);
    expect(vendors.openai.requests).toHaveLength(5);

    advance(1);
    // The probe answers slowly; a call made meanwhile is not a second probe.
    vendors.openai.enqueue({ ...reply('Back up.'), delayMs: 300 });
    const [probe, meanwhile] = await Promise.all([client.chat(ask), client.chat(ask)]);
    expect(probe.text).toBe('Back up.');
    expect(probe.fallback?.answeredBy).toBe('openai/gpt-4.1-mini');
    expect(meanwhile.fallback?.answeredBy).toBe('anthropic/claude-haiku-4-5');
    expect(vendors.openai.requests).toHaveLength(6);
    expect(breaker.stateOf('openai/gpt-4.1-mini')).toBe('closed');
    expect(changes.map((change) => change.to)).toEqual(['open', 'half-open', 'closed']);

    vendors.openai.enqueue(reply('Closed again.'));
    expect((await client.chat(ask)).text).toBe('Closed again.');
    expect(vendors.openai.requests).toHaveLength(7);
  });

  it('reopens when the probe fails', async () => {
    const { client, breaker, changes, advance } = setup();
    vendors.openai.enqueue(...failures(6));
    for (let call = 0; call < 5; call += 1) await client.chat(ask);
    advance(30_000);
    await client.chat(ask); // the probe, answered 503
    expect(vendors.openai.requests).toHaveLength(6);
    expect(breaker.stateOf('openai/gpt-4.1-mini')).toBe('open');
    expect(changes.map((change) => change.to)).toEqual(['open', 'half-open', 'open']);
    advance(29_000);
    await client.chat(ask);
    expect(vendors.openai.requests).toHaveLength(6);
  });

  it('does not count failures that fell out of the window', async () => {
    const { client, breaker, advance } = setup();
    vendors.openai.enqueue(...failures(5));
    for (let call = 0; call < 4; call += 1) await client.chat(ask);
    advance(60_001);
    await client.chat(ask);
    expect(breaker.stateOf('openai/gpt-4.1-mini')).toBe('closed');
    vendors.openai.enqueue(reply('Still closed.'));
    expect((await client.chat(ask)).text).toBe('Still closed.');
  });

  it('does not count a 400: no fallback, no open circuit', async () => {
    const { client, breaker } = setup();
    vendors.openai.enqueue(...failures(10, 400));
    for (let call = 0; call < 10; call += 1) await rejection(client.chat(ask));
    expect(vendors.anthropic.requests).toHaveLength(0);
    expect(breaker.stateOf('openai/gpt-4.1-mini')).toBe('closed');
    vendors.openai.enqueue(reply('Caller errors are not outages.'));
    expect((await client.chat(ask)).text).toBe('Caller errors are not outages.');
    expect(vendors.openai.requests).toHaveLength(11);
  });

  it('raises a typed, non-retryable error without a fallback', async () => {
    let time = 0;
    const breaker = circuitBreaker({ failureThreshold: 2, now: () => time, logger: false });
    const client = vendors.client([breaker]);
    vendors.openai.enqueue(...failures(2));
    await rejection(client.chat(ask));
    await rejection(client.chat(ask));
    time += 1_000;
    const error = await rejection(client.chat(ask));
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error).toMatchObject({
      vendorCode: CIRCUIT_OPEN,
      retryable: false,
      retryAfterMs: 29_000,
    });
    expect(String(error)).toMatch(/circuit for openai\/gpt-4\.1-mini is open.*no request was sent/);
    expect(vendors.openai.requests).toHaveLength(2);
  });

  it('keys circuits per provider when asked', async () => {
    const { client, breaker } = setup({ key: 'provider' });
    vendors.openai.enqueue(...failures(5));
    for (let call = 0; call < 5; call += 1) await client.chat(ask);
    await client.chat({ ...ask, model: 'openai/gpt-4o-mini' });
    expect(breaker.stateOf('openai')).toBe('open');
    expect(vendors.openai.requests).toHaveLength(5);
  });

  it('guards streams the same way', async () => {
    const { client, advance } = setup();
    vendors.openai.enqueue(...failures(5));
    for (let call = 0; call < 5; call += 1) await collect(client.stream(ask).textStream);
    const stream = client.stream(ask);
    const text = (await collect(stream.textStream)).join('');
    expect(text.length).toBeGreaterThan(0);
    expect((await stream.finalResponse()).fallback?.answeredBy).toBe('anthropic/claude-haiku-4-5');
    expect(vendors.openai.requests).toHaveLength(5);
    advance(30_000);
    vendors.openai.enqueue(reply('Streaming again.'));
    expect((await collect(client.stream(ask).textStream)).join('')).toBe('Streaming again.');
  });
});
