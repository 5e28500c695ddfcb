import { type ChatRequest, ConfigurationError, type Middleware } from '@stratum/core';
import type { SimulatorStep } from '@stratum/testing';
import { describe, expect, it } from 'vitest';
import { circuitBreaker, createHealthMonitor, fallback } from '../src/index.js';
import { collect, rejection } from './support/test-client.js';
import { reply, twoVendors } from './support/two-vendors.js';

/** The health monitor over real HTTP: what it reports is checked against what the simulator served. */
const vendors = twoVendors();
const ask: ChatRequest = {
  model: 'openai/gpt-4.1-mini',
  messages: [{ role: 'user', content: 'How are you?' }],
};

/** The value at rank floor(q·(n−1)) of the sorted values: the rank DDSketch answers for. */
function exactQuantile(values: number[], quantile: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(quantile * (sorted.length - 1))] ?? Number.NaN;
}

/** Times each successful call from just below the monitor: the exact latencies it sketched. */
function latencySpy(): { middleware: Middleware; latencies: number[] } {
  const latencies: number[] = [];
  return {
    latencies,
    middleware: {
      name: 'latency-spy',
      async chat(context, next) {
        const started = performance.now();
        const response = await next(context);
        latencies.push(performance.now() - started);
        return response;
      },
    },
  };
}

describe('createHealthMonitor', () => {
  it('reports the counts, success rate and latency quantiles of a scripted mix of successes, 429s and 503s', async () => {
    const monitor = createHealthMonitor();
    const spy = latencySpy();
    const client = vendors.client([monitor.middleware(), spy.middleware]);
    // 30 answers: 20 after 20 ms, 8 after 150 ms, 2 after 500 ms; 5 429s and 5 503s.
    const served = [
      ...Array.from({ length: 20 }, () => 20),
      ...Array.from({ length: 8 }, () => 150),
      500,
      500,
    ];
    const steps: SimulatorStep[] = served.map((delayMs) => ({
      ...reply('Fine, thanks.'),
      delayMs,
    }));
    // Errors interleaved with the answers, as an outage would mix them.
    for (let index = 0; index < 5; index += 1) {
      steps.splice(index * 7, 0, { kind: 'error', status: 429 }, { kind: 'error', status: 503 });
    }
    vendors.openai.enqueue(...steps);
    // One after the other, so each latency is the vendor's and not a queue's.
    let answered = 0;
    for (let call = 0; call < 40; call += 1) {
      answered += await client.chat(ask).then(
        () => 1,
        () => 0,
      );
    }
    expect(answered).toBe(30);

    const snapshot = monitor.snapshot();
    const model = snapshot.models['openai/gpt-4.1-mini'];
    expect(model).toMatchObject({
      calls: 40,
      successes: 30,
      failures: 10,
      successRate: 0.75,
      errorsByClass: { RateLimitError: 5, ProviderUnavailableError: 5 },
      inFlight: 0,
      breakerState: undefined,
      timeToFirstTokenMs: undefined,
    });
    expect(model?.lastError).toMatchObject({ status: expect.any(Number) });
    expect(['RateLimitError', 'ProviderUnavailableError']).toContain(model?.lastError?.errorClass);
    expect(snapshot.providers['openai']).toMatchObject({ calls: 40, successes: 30, failures: 10 });
    expect(snapshot.windowMs).toBe(300_000);
    expect(model?.outputTokensPerSecond).toBeGreaterThan(0);

    const latency = model?.latencyMs;
    if (!latency) throw new Error('expected latency quantiles');
    // Against the exact latencies of the same calls: within the sketch's 1% (plus the spy's
    // own fraction of a millisecond between the two clocks).
    for (const [quantile, value] of [
      [0.5, latency.p50],
      [0.95, latency.p95],
      [0.99, latency.p99],
    ] as const) {
      const exact = exactQuantile(spy.latencies, quantile);
      expect(Math.abs(value - exact)).toBeLessThanOrEqual(exact * 0.01 + 0.5);
    }
    // Against what the simulator served: never less (within 1%). No upper bound: on a loaded
    // machine a call can wait for a core far longer than the vendor took, and the comparison
    // with the spy above already checks the sketch against the calls' real latencies.
    expect(latency.p50).toBeGreaterThanOrEqual(20 * 0.99);
    expect(latency.p95).toBeGreaterThanOrEqual(150 * 0.99);
    expect(latency.p99).toBeGreaterThanOrEqual(500 * 0.99);
    expect(latency.p50).toBeLessThanOrEqual(latency.p95);
    expect(latency.p95).toBeLessThanOrEqual(latency.p99);
  });

  it('measures time to first token and output tokens per second on streams', async () => {
    const monitor = createHealthMonitor();
    const client = vendors.client([monitor.middleware()]);
    for (let call = 0; call < 3; call += 1) {
      vendors.openai.enqueue({
        kind: 'reply',
        reply: { text: 'one two three four five', usage: { inputTokens: 5, outputTokens: 50 } },
        delayMs: 150,
        chunkDelayMs: 20,
      });
      await collect(client.stream(ask).textStream);
    }
    const entry = monitor.snapshot().models['openai/gpt-4.1-mini'];
    expect(entry?.calls).toBe(3);
    expect(entry?.timeToFirstTokenMs?.p50).toBeGreaterThanOrEqual(150 * 0.99);
    expect(entry?.timeToFirstTokenMs?.p50).toBeLessThan(entry?.latencyMs?.p50 ?? 0);
    // 50 tokens over the ~80 ms of chunks after the first one: far more than 50/s, far less than 5,000/s.
    expect(entry?.outputTokensPerSecond).toBeGreaterThan(50);
    expect(entry?.outputTokensPerSecond).toBeLessThan(5_000);
  });

  it('forgets calls that left the sliding window', async () => {
    let time = 0;
    const monitor = createHealthMonitor({ windowMs: 60_000, buckets: 6, now: () => time });
    const client = vendors.client([monitor.middleware()]);
    vendors.openai.enqueue({ kind: 'error', status: 503 }, reply('ok'));
    await rejection(client.chat(ask));
    time = 30_000;
    await client.chat(ask);
    expect(monitor.snapshot().models['openai/gpt-4.1-mini']).toMatchObject({
      calls: 2,
      successRate: 0.5,
    });
    time = 65_000; // the 503's slice has left the window, the answer's has not
    expect(monitor.snapshot().models['openai/gpt-4.1-mini']).toMatchObject({
      calls: 1,
      successRate: 1,
    });
    time = 200_000;
    const idle = monitor.snapshot().models['openai/gpt-4.1-mini'];
    expect(idle).toMatchObject({ calls: 0, successRate: 1, latencyMs: undefined });
    // The last error is kept: it says what went wrong last, however long ago.
    expect(idle?.lastError).toMatchObject({
      errorClass: 'ProviderUnavailableError',
      status: 503,
      at: 0,
    });
  });

  it('shows the breaker’s state, and does not count calls an open circuit refused', async () => {
    const breaker = circuitBreaker({ logger: false });
    const monitor = createHealthMonitor({ breaker });
    const client = vendors.client([
      fallback({ models: ['anthropic/claude-haiku-4-5'] }),
      breaker,
      monitor.middleware(),
    ]);
    vendors.openai.enqueue(
      ...Array.from({ length: 5 }, () => ({ kind: 'error' as const, status: 503 })),
    );
    for (let call = 0; call < 8; call += 1) await client.chat(ask);
    const snapshot = monitor.snapshot();
    expect(snapshot.models['openai/gpt-4.1-mini']).toMatchObject({
      calls: 5,
      successRate: 0,
      breakerState: 'open',
    });
    expect(snapshot.providers['openai']?.breakerState).toBe('open');
    expect(snapshot.models['anthropic/claude-haiku-4-5']).toMatchObject({
      calls: 8,
      successRate: 1,
      breakerState: 'closed',
    });
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
  });

  it('check() makes one small live call to the provider and records it', async () => {
    const client = vendors.client([]);
    const monitor = createHealthMonitor({
      client,
      checkModels: { openai: 'openai/gpt-4.1-nano' },
    });
    vendors.openai.enqueue(reply('pong'));
    const healthy = await monitor.check('openai');
    expect(healthy).toMatchObject({ calls: 1, successes: 1, successRate: 1 });
    expect(vendors.openai.requests).toHaveLength(1);
    expect(vendors.openai.lastRequestBody()).toMatchObject({ model: 'gpt-4.1-nano' });

    vendors.openai.enqueue({ kind: 'error', status: 503 });
    const failing = await monitor.check('openai');
    expect(failing).toMatchObject({ calls: 2, failures: 1, successRate: 0.5 });
    expect(failing.lastError).toMatchObject({
      errorClass: 'ProviderUnavailableError',
      status: 503,
    });
    expect(failing.lastError?.message).not.toContain('sk-test');
    expect(monitor.snapshot().models['openai/gpt-4.1-nano']?.calls).toBe(2);
  });

  it('check() records a vendor that does not answer in time as a TimeoutError', async () => {
    const monitor = createHealthMonitor({
      client: vendors.client([]),
      checkModels: { openai: 'openai/gpt-4.1-nano' },
      checkTimeoutMs: 200,
    });
    vendors.openai.enqueue({ kind: 'hang' });
    const aborted = vendors.openai.waitForAbort(5_000);
    const entry = await monitor.check('openai');
    await aborted;
    expect(entry).toMatchObject({ calls: 1, failures: 1, errorsByClass: { TimeoutError: 1 } });
    expect(entry.lastError?.message).toMatch(/did not answer within 200 ms/);
  });

  it('check() says what is missing instead of guessing', async () => {
    await expect(createHealthMonitor().check('openai')).rejects.toBeInstanceOf(ConfigurationError);
    const monitor = createHealthMonitor({ client: vendors.client([]) });
    await expect(monitor.check('anthropic')).rejects.toThrow(/checkModels/);
    expect(vendors.anthropic.requests).toHaveLength(0);
  });
});
