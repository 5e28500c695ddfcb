import {
  AuthenticationError,
  ContextLengthExceededError,
  PermissionDeniedError,
  ProviderUnavailableError,
  RateLimitError,
  TimeoutError,
} from '@stratum/core';
import { describe, expect, it } from 'vitest';
import { MODEL, SECRET_ACCESS_KEY, useHarness } from './setup.js';

const harness = useHarness();
const ask = { model: MODEL, messages: [{ role: 'user' as const, content: 'Hello' }] };

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  return run().catch((caught: unknown) => caught);
}

describe('Bedrock errors', () => {
  it('maps a throttled Converse call to a retryable RateLimitError, with one request', async () => {
    harness.simulator.enqueue({ kind: 'error', status: 429 });
    const error = await failure(() => harness.client.chat(ask));
    expect(error).toBeInstanceOf(RateLimitError);
    if (!(error instanceof RateLimitError)) return;
    expect(error.retryable).toBe(true);
    expect(error.status).toBe(429);
    expect(error.vendorCode).toBe('ThrottlingException');
    expect(error.message).toContain('Too many requests, please wait before trying again');
    expect(error.message).not.toContain(SECRET_ACCESS_KEY);
    expect(harness.simulator.requests).toHaveLength(1);
  });

  it('maps a throttlingException frame inside a ConverseStream the same way', async () => {
    harness.simulator.enqueue({
      kind: 'stream-error',
      reply: { text: 'one two three four' },
      afterChunks: 3,
      status: 429,
    });
    const stream = harness.client.stream(ask);
    const texts: string[] = [];
    const error = await failure(async () => {
      for await (const text of stream.textStream) texts.push(text);
    });
    expect(texts.length).toBeGreaterThan(0);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error instanceof RateLimitError && error.retryable).toBe(true);
  });

  it.each([
    ['ModelNotReadyException', 429, ProviderUnavailableError, true],
    ['ServiceUnavailableException', 503, ProviderUnavailableError, true],
    ['ModelTimeoutException', 408, TimeoutError, true],
    ['AccessDeniedException', 403, PermissionDeniedError, false],
    ['ServiceQuotaExceededException', 400, RateLimitError, false],
  ] as const)(
    'maps %s (HTTP %i) to its class and retryability',
    async (name, status, errorClass, retryable) => {
      harness.simulator.enqueue({ kind: 'error', status, vendorCode: name });
      const error = await failure(() => harness.client.chat(ask));
      expect(error).toBeInstanceOf(errorClass);
      expect(error instanceof errorClass && error.retryable).toBe(retryable);
      expect(error instanceof errorClass && error.vendorCode).toBe(name);
      expect(error instanceof Error && error.message).toMatch(
        /^bedrock \(anthropic\.claude-3-5-haiku-20241022-v1:0\) said: /,
      );
    },
  );

  it('maps a ValidationException about the input length to ContextLengthExceededError', async () => {
    harness.simulator.enqueue({
      kind: 'error',
      status: 400,
      message: 'Input is too long for requested model.',
    });
    const error = await failure(() => harness.client.chat(ask));
    expect(error).toBeInstanceOf(ContextLengthExceededError);
    expect(error instanceof ContextLengthExceededError && error.retryable).toBe(false);
  });

  it('maps refused credentials to a non-retryable AuthenticationError without the secret', async () => {
    const client = harness.clientWith({
      credentials: { accessKeyId: 'AKIAOTHERKEY00000001', secretAccessKey: SECRET_ACCESS_KEY },
    });
    const error = await failure(() => client.chat(ask));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error instanceof AuthenticationError && error.retryable).toBe(false);
    expect(error instanceof Error && error.message).toContain(
      'The security token included in the request is invalid',
    );
    expect(error instanceof Error && error.message).not.toContain(SECRET_ACCESS_KEY);
  });
});
