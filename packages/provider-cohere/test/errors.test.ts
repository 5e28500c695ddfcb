import {
  AuthenticationError,
  ConfigurationError,
  createClient,
  InvalidRequestError,
  ProviderUnavailableError,
  RateLimitError,
} from '@stratum/core';
import { describe, expect, it } from 'vitest';
import { createCohere } from '../src/index.js';
import { API_KEY, MODEL, useHarness } from './setup.js';

const harness = useHarness();
const ask = { model: MODEL, messages: [{ role: 'user' as const, content: 'Hello' }] };

describe('Cohere errors', () => {
  it('maps a 429 to a retryable RateLimitError with the vendor message and retry-after', async () => {
    harness.simulator.enqueue({ kind: 'error', status: 429 });
    const error = await harness.client.chat(ask).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    if (!(error instanceof RateLimitError)) return;
    expect(error.retryable).toBe(true);
    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBe(3000);
    expect(error.message).toContain('You are using a Trial key');
    expect(error.message).not.toContain(API_KEY);
    expect(harness.simulator.requests).toHaveLength(1);
  });

  it('maps a 429 on a stream the same way', async () => {
    harness.simulator.enqueue({ kind: 'error', status: 429 });
    const error = await harness.client
      .stream(ask)
      .finalResponse()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error instanceof RateLimitError && error.retryable).toBe(true);
  });

  it('maps 498 (invalid token) to a non-retryable AuthenticationError', async () => {
    harness.simulator.enqueue({ kind: 'error', status: 498 });
    const error = await harness.client.chat(ask).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error instanceof AuthenticationError && error.retryable).toBe(false);
  });

  it('fails a stream whose message-end carries an error, retryably', async () => {
    harness.simulator.enqueue({
      kind: 'stream-error',
      reply: { text: 'partial answer here' },
      afterChunks: 3,
      status: 500,
      message: 'internal generation failure',
    });
    const error = await harness.client
      .stream(ask)
      .finalResponse()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error instanceof ProviderUnavailableError && error.message).toContain(
      'internal generation failure',
    );
  });

  it('names the variable and the setting when no key is set, before any request', async () => {
    const saved = { cohere: process.env['COHERE_API_KEY'], co: process.env['CO_API_KEY'] };
    delete process.env['COHERE_API_KEY'];
    delete process.env['CO_API_KEY'];
    try {
      const client = createClient({
        providers: [createCohere({ baseURL: harness.simulator.baseURL })],
      });
      const error = await client.chat(ask).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error instanceof Error && error.message).toContain('COHERE_API_KEY');
      expect(error instanceof Error && error.message).toContain('apiKey setting');
      expect(harness.simulator.requests).toHaveLength(0);
    } finally {
      if (saved.cohere !== undefined) process.env['COHERE_API_KEY'] = saved.cohere;
      if (saved.co !== undefined) process.env['CO_API_KEY'] = saved.co;
    }
  });

  it('rejects a malformed providerOptions.cohere field before any request', async () => {
    const error = await harness.client
      .chat({ ...ask, providerOptions: { cohere: { safetyMode: 'LOOSE' } } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error instanceof Error && error.message).toContain('providerOptions.cohere.safetyMode');
    expect(error instanceof InvalidRequestError && error.retryable).toBe(false);
    expect(harness.simulator.requests).toHaveLength(0);
  });
});
