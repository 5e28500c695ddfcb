import {
  type ChatRequest,
  type Client,
  createClient,
  InvalidRequestError,
  type Middleware,
  ProviderUnavailableError,
  StratumError,
  TimeoutError,
} from '@stratum/core';
import { createOpenAI } from '@stratum/provider-openai';
import { type OpenAISimulator, startOpenAISimulator } from '@stratum/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryRetryBudgetStore, createRetryBudget, retry, timeout } from '../src/index.js';
import { collect, rejection } from './support/test-client.js';

/**
 * Real faults over real HTTP: the OpenAI simulator on 127.0.0.1 answers the official `openai`
 * SDK (inside @stratum/provider-openai) with OpenAI's own error bodies, cut streams and hung
 * connections, and counts every request that reached it.
 */
let simulator: OpenAISimulator;
beforeAll(async () => {
  simulator = await startOpenAISimulator();
});
afterAll(async () => {
  await simulator.close();
});
beforeEach(() => simulator.reset());

const API_KEY = 'sk-test-FaultInjectionKey000000000000';
const request: ChatRequest = {
  model: 'openai/gpt-4.1-mini',
  messages: [{ role: 'user', content: 'Hello' }],
};
const reply = { text: 'Hello from the simulator', usage: { inputTokens: 8, outputTokens: 4 } };

function client(middleware: Middleware[]): Client {
  return createClient({
    providers: [createOpenAI({ apiKey: API_KEY, baseURL: simulator.baseURL })],
    middleware,
  });
}

const noBudget = { budget: false as const, baseDelayMs: 10 };

describe('retry and timeout against a failing OpenAI API', () => {
  it('honours Retry-After on a 429: the second request comes at least a second later', async () => {
    simulator.enqueue(
      { kind: 'error', status: 429, headers: { 'retry-after': '1' } },
      { kind: 'reply', reply },
    );
    const response = await client([retry(noBudget)]).chat(request);
    expect(response.text).toBe('Hello from the simulator');
    expect(simulator.requests).toHaveLength(2);
    const [first, second] = simulator.requests;
    const waited = (second?.receivedAt ?? 0) - (first?.receivedAt ?? 0);
    // 1000 ms asked for, plus at most 10% jitter; the upper bound leaves room for a loaded
    // machine but stays far below the 60 s the retry would wait without the header's cap.
    expect(waited).toBeGreaterThanOrEqual(1_000);
    expect(waited).toBeLessThan(10_000);
  });

  it('gets through three 503s on the fourth request', async () => {
    simulator.enqueue(
      { kind: 'error', status: 503 },
      { kind: 'error', status: 503 },
      { kind: 'error', status: 503 },
      { kind: 'reply', reply },
    );
    const response = await client([retry({ ...noBudget, maxAttempts: 4 })]).chat(request);
    expect(response.text).toBe('Hello from the simulator');
    expect(simulator.requests).toHaveLength(4);
  });

  it('does not retry a 400', async () => {
    simulator.enqueue({ kind: 'error', status: 400 }, { kind: 'reply', reply });
    const error = await rejection(client([retry(noBudget)]).chat(request));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(simulator.requests).toHaveLength(1);
  });

  it('times out a hung upstream and really closes its connection, then retries', async () => {
    simulator.enqueue({ kind: 'hang' }, { kind: 'reply', reply });
    const aborted = simulator.waitForAbort();
    const response = await client([retry(noBudget), timeout({ attemptMs: 1_000 })]).chat(request);
    expect(response.text).toBe('Hello from the simulator');
    await aborted;
    expect(simulator.abortedConnections).toBe(1);
    expect(simulator.requests).toHaveLength(2);
  });

  it('raises a TimeoutError when the only attempt hangs', async () => {
    simulator.enqueue({ kind: 'hang' });
    const aborted = simulator.waitForAbort();
    const error = await rejection(client([timeout({ attemptMs: 1_000 })]).chat(request));
    expect(error).toBeInstanceOf(TimeoutError);
    await aborted;
    expect(simulator.abortedConnections).toBe(1);
  });

  it('retries a stream cut before its first token, and delivers the text once', async () => {
    simulator.enqueue(
      // Only the role chunk (no text) gets through before the cut.
      { kind: 'disconnect', reply, afterChunks: 1 },
      { kind: 'reply', reply },
    );
    const texts = await collect(client([retry(noBudget)]).stream(request).textStream);
    expect(texts.join('')).toBe('Hello from the simulator');
    expect(simulator.requests).toHaveLength(2);
  });

  it('does not retry a stream cut after its first token: the caller gets a typed error, no repeats', async () => {
    simulator.enqueue(
      // Role chunk, "Hello ", "from ", then the cut.
      { kind: 'disconnect', reply, afterChunks: 3 },
      { kind: 'reply', reply },
    );
    const texts: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const text of client([retry(noBudget)]).stream(request).textStream)
          texts.push(text);
      })(),
    );
    expect(StratumError.is(error)).toBe(true);
    expect(error).toMatchObject({ retryable: true });
    expect(texts).toEqual(['Hello ', 'from ']);
    expect(simulator.requests).toHaveLength(1);
  });

  it('keeps 200 concurrent calls against a failing vendor within the retry budget', {
    timeout: 60_000,
  }, async () => {
    simulator.enqueue(
      ...Array.from({ length: 1_000 }, () => ({ kind: 'error' as const, status: 503 })),
    );
    const stack = client([
      retry({
        maxAttempts: 3,
        baseDelayMs: 10,
        // A stopped clock keeps every call in one window however long a loaded machine takes,
        // so the count below is exact.
        budget: createRetryBudget({
          ratio: 0.1,
          minRetriesPerSecond: 1,
          windowMs: 10_000,
          store: createMemoryRetryBudgetStore({ now: () => 0 }),
        }),
      }),
    ]);
    const errors = await Promise.all(
      Array.from({ length: 200 }, () => rejection(stack.chat(request))),
    );
    expect(errors.every((error) => error instanceof ProviderUnavailableError)).toBe(true);
    // 200 first attempts + a reserve of 1/s * 10 s + 10% of 200 calls = 230. Unbudgeted: 600.
    expect(simulator.requests).toHaveLength(230);
  });

  it('leaves retrying to one layer: the SDK’s own retries are off', async () => {
    simulator.enqueue(
      { kind: 'error', status: 503 },
      { kind: 'error', status: 503 },
      { kind: 'error', status: 503 },
      { kind: 'reply', reply },
    );
    const error = await rejection(client([]).chat(request));
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(simulator.requests).toHaveLength(1);
    // With the middleware: exactly maxAttempts requests, not maxAttempts times the SDK's tries.
    simulator.reset();
    simulator.enqueue(
      { kind: 'error', status: 503 },
      { kind: 'error', status: 503 },
      { kind: 'reply', reply },
    );
    await rejection(client([retry({ ...noBudget, maxAttempts: 2 })]).chat(request));
    expect(simulator.requests).toHaveLength(2);
  });
});
