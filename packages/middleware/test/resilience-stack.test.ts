import type { ChatRequest } from '@stratum/core';
import { describe, expect, it } from 'vitest';
import {
  CIRCUIT_OPEN,
  circuitBreaker,
  createHealthMonitor,
  fallback,
  type Logger,
  logging,
  rateLimit,
  retry,
  timeout,
} from '../src/index.js';
import { reply, twoVendors } from './support/two-vendors.js';

/** The stack the README recommends, end to end, against a vendor that is down. */
const vendors = twoVendors();
const ask: ChatRequest = {
  model: 'openai/gpt-4.1-mini',
  messages: [{ role: 'user', content: 'Which vendor answered?' }],
};

function recordingLogger(): { logger: Logger; events: Array<Record<string, unknown>> } {
  const events: Array<Record<string, unknown>> = [];
  return {
    events,
    logger: { info: (event) => events.push(event), error: (event) => events.push(event) },
  };
}

describe('fallback, retry, circuitBreaker, rateLimit, health and timeout together', () => {
  it('retries the primary, opens its circuit after 5 requests, then falls back without touching it', async () => {
    let time = 0;
    const breaker = circuitBreaker({ logger: false, now: () => time });
    const health = createHealthMonitor({ breaker });
    const client = vendors.client([
      fallback({ models: ['anthropic/claude-haiku-4-5'] }),
      retry({ maxAttempts: 3, budget: false, baseDelayMs: 1, maxDelayMs: 2 }),
      breaker,
      rateLimit({ requestsPerMinute: 10_000 }),
      health.middleware(),
      timeout({ attemptMs: 10_000 }),
    ]);
    vendors.openai.enqueue(
      ...Array.from({ length: 20 }, () => ({ kind: 'error' as const, status: 503 })),
    );

    const first = await client.chat(ask);
    expect(first.fallback?.answeredBy).toBe('anthropic/claude-haiku-4-5');
    expect(vendors.openai.requests).toHaveLength(3);
    // The second call's third attempt finds the circuit open: retries stop, the fallback answers.
    const second = await client.chat(ask);
    expect(second.fallback?.attempts[0]).toMatchObject({ vendorCode: CIRCUIT_OPEN });
    expect(vendors.openai.requests).toHaveLength(5);
    time += 1_000;
    for (let call = 0; call < 10; call += 1) await client.chat(ask);
    expect(vendors.openai.requests).toHaveLength(5);

    const snapshot = health.snapshot();
    expect(snapshot.providers['openai']).toMatchObject({
      calls: 5,
      failures: 5,
      breakerState: 'open',
      errorsByClass: { ProviderUnavailableError: 5 },
    });
    expect(snapshot.providers['anthropic']).toMatchObject({ calls: 12, successRate: 1 });
  });

  it('lets logging inside the fallback see each attempt on its own model', async () => {
    vendors.openai.enqueue({ kind: 'error', status: 429 });
    vendors.anthropic.enqueue(reply('Logged twice.'));
    const outer = recordingLogger();
    const inner = recordingLogger();
    const client = vendors.client([
      logging({ logger: outer.logger }),
      fallback({ models: ['anthropic/claude-haiku-4-5'] }),
      logging({ logger: inner.logger }),
    ]);
    await client.chat(ask);
    expect(inner.events).toMatchObject([
      { model: 'openai/gpt-4.1-mini', outcome: 'error', error: { class: 'RateLimitError' } },
      { model: 'anthropic/claude-haiku-4-5', outcome: 'ok' },
    ]);
    expect(inner.events[0]?.['requestId']).toBe(inner.events[1]?.['requestId']);
    expect(outer.events).toHaveLength(1);
    expect(outer.events[0]?.['requestId']).toBe(inner.events[0]?.['requestId']);
  });
});
