import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type * as errors from '../src/errors/index.js';
import {
  AuthenticationError,
  ConflictError,
  ContentFilterError,
  ContextLengthExceededError,
  InvalidRequestError,
  ModelNotFoundError,
  mapHttpError,
  PermissionDeniedError,
  ProviderUnavailableError,
  parseRetryAfter,
  RateLimitError,
  StratumError,
  TimeoutError,
} from '../src/errors/index.js';

function map(
  status: number | undefined,
  message: string,
  extra: Partial<errors.HttpErrorDetails> = {},
) {
  return mapHttpError({ provider: 'openai', model: 'gpt-4.1-mini', status, message, ...extra });
}

describe('mapHttpError', () => {
  it.each([
    [400, InvalidRequestError, 'invalid_request', false, /retrying will not help/],
    [401, AuthenticationError, 'authentication', false, /Check the API key/],
    [403, PermissionDeniedError, 'permission_denied', false, /not allowed to use this resource/],
    [404, ModelNotFoundError, 'model_not_found', false, /Check the model id/],
    [408, TimeoutError, 'timeout', true, /safe to retry/],
    [409, ConflictError, 'conflict', true, /safe to retry/],
    [413, InvalidRequestError, 'invalid_request', false, /Fix the request/],
    [422, InvalidRequestError, 'invalid_request', false, /Fix the request/],
    [429, RateLimitError, 'rate_limit', true, /Slow down/],
    [500, ProviderUnavailableError, 'provider_unavailable', true, /retry later or fall back/],
    [502, ProviderUnavailableError, 'provider_unavailable', true, /retry later/],
    [503, ProviderUnavailableError, 'provider_unavailable', true, /retry later/],
    [529, ProviderUnavailableError, 'provider_unavailable', true, /overloaded/],
  ] as const)('maps HTTP %i to %o', (status, errorClass, code, retryable, fix) => {
    const error = map(status, 'Something went wrong.', { vendorCode: 'some_code' });
    expect(error).toBeInstanceOf(errorClass);
    expect(errorClass.is(error)).toBe(true);
    expect(error).toMatchObject({
      code,
      status,
      retryable,
      provider: 'openai',
      model: 'gpt-4.1-mini',
      vendorCode: 'some_code',
    });
    expect(error.name).toBe(errorClass.name);
    // The vendor's words, then how to fix it.
    expect(error.message).toMatch(/^openai \(gpt-4\.1-mini\) said: Something went wrong\. /);
    expect(error.message).toMatch(fix);
  });

  it.each([
    // OpenAI / DeepSeek
    [
      400,
      "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.",
      'context_length_exceeded',
    ],
    // Anthropic
    [400, 'prompt is too long: 210000 tokens > 200000 maximum', 'invalid_request_error'],
    // Gemini
    [
      400,
      'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).',
      'INVALID_ARGUMENT',
    ],
    // Bedrock
    [400, 'Input is too long for requested model.', 'ValidationException'],
  ])('recognizes a context-length message (%i %s)', (status, message, vendorCode) => {
    const error = map(status, message, { vendorCode });
    expect(error).toBeInstanceOf(ContextLengthExceededError);
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/Shorten the messages or lower maxOutputTokens/);
  });

  it('does not take a 429 about tokens per minute for a context-length error', () => {
    const error = map(429, 'Rate limit reached: too many tokens per min (TPM).');
    expect(error).toBeInstanceOf(RateLimitError);
  });

  it.each([
    [
      "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
      'content_filter',
    ],
    ['Your request was rejected as a result of our safety system.', undefined],
    ['Blocked', 'ResponsibleAIPolicyViolation'],
  ])('recognizes a content-filter error: %s', (message, vendorCode) => {
    const error = map(400, message, { vendorCode });
    expect(error).toBeInstanceOf(ContentFilterError);
    expect(error.message).toMatch(/rephrase the prompt/);
  });

  it('maps a failure without a status to a retryable ProviderUnavailableError', () => {
    const error = map(undefined, 'fetch failed');
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error.message).toMatch(/check the network and the base URL/);
  });

  it('tells a 402 to add credit, and keeps other statuses as plain StratumErrors', () => {
    expect(map(402, 'Insufficient Balance').message).toMatch(/add credit/);
    const teapot = map(418, "I'm a teapot");
    expect(teapot.constructor).toBe(StratumError);
    expect(teapot).toMatchObject({ code: 'unknown', retryable: false });
  });

  it('reads Retry-After into retryAfterMs and the message', () => {
    const error = map(429, 'Rate limit reached', { headers: new Headers({ 'Retry-After': '20' }) });
    expect(error.retryAfterMs).toBe(20_000);
    expect(error.message).toContain('retry after 20000 ms');
    expect(error.headers?.['retry-after']).toBe('20');
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-07-24T12:00:00Z');

  it('reads seconds', () => {
    expect(parseRetryAfter({ 'retry-after': '20' })).toBe(20_000);
    expect(parseRetryAfter({ 'retry-after': '1.5' })).toBe(1_500);
    expect(parseRetryAfter({ 'retry-after': '0' })).toBe(0);
  });

  it('reads an HTTP-date relative to now, and a past date as 0', () => {
    expect(parseRetryAfter({ 'retry-after': 'Fri, 24 Jul 2026 12:00:30 GMT' }, now)).toBe(30_000);
    expect(parseRetryAfter({ 'retry-after': 'Fri, 24 Jul 2026 11:00:00 GMT' }, now)).toBe(0);
  });

  it('prefers retry-after-ms (OpenAI, Azure)', () => {
    expect(parseRetryAfter({ 'retry-after-ms': '250', 'retry-after': '1' })).toBe(250);
  });

  it('reads a Headers object whatever the header case', () => {
    expect(parseRetryAfter(new Headers({ 'Retry-After-Ms': '1200' }))).toBe(1_200);
    expect(parseRetryAfter({ 'Retry-After': '3' })).toBe(3_000);
  });

  it('ignores what is not a delay', () => {
    expect(parseRetryAfter({})).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after': 'soon' })).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after': '-5' })).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after-ms': 'abc', 'retry-after': '2' })).toBe(2_000);
  });
});

describe('error identity across two copies of the package', () => {
  it('recognizes errors from another copy with instanceof and .is()', async () => {
    // A second copy of every error module at another URL, as when two versions of
    // @stratum/core are installed side by side.
    const directory = mkdtempSync(join(tmpdir(), 'stratum-core-copy-'));
    cpSync(fileURLToPath(new URL('../src/errors', import.meta.url)), directory, {
      recursive: true,
    });
    const copy: typeof errors = await import(pathToFileURL(join(directory, 'index.ts')).href);
    rmSync(directory, { recursive: true, force: true });
    expect(copy.RateLimitError).not.toBe(RateLimitError);

    const fromCopy = new copy.RateLimitError('slow down', {
      provider: 'anthropic',
      retryAfterMs: 1_000,
    });
    expect(fromCopy).toBeInstanceOf(RateLimitError);
    expect(fromCopy instanceof StratumError).toBe(true);
    expect(RateLimitError.is(fromCopy)).toBe(true);
    expect(StratumError.is(fromCopy)).toBe(true);
    expect(AuthenticationError.is(fromCopy)).toBe(false);
    expect(fromCopy instanceof AuthenticationError).toBe(false);

    const ours = mapHttpError({ provider: 'openai', status: 401, message: 'bad key' });
    expect(ours).toBeInstanceOf(copy.AuthenticationError);
    expect(copy.AuthenticationError.is(ours)).toBe(true);
    expect(copy.RateLimitError.is(ours)).toBe(false);
  });

  it('does not mistake plain errors or look-alikes for Stratum errors', () => {
    expect(StratumError.is(new Error('x'))).toBe(false);
    expect(StratumError.is({ code: 'rate_limit', name: 'RateLimitError' })).toBe(false);
    expect(new Error('x') instanceof RateLimitError).toBe(false);
    expect(RateLimitError.is(null)).toBe(false);
  });

  it('serializes the useful fields and never the headers', () => {
    const error = map(429, 'Rate limit', {
      headers: { 'retry-after': '1', authorization: 'Bearer sk-secret' },
    });
    const json = JSON.stringify(error);
    expect(JSON.parse(json)).toMatchObject({
      name: 'RateLimitError',
      code: 'rate_limit',
      status: 429,
      retryAfterMs: 1_000,
    });
    expect(json).not.toContain('sk-secret');
  });
});

describe('scrubErrorSecrets', () => {
  it('removes a key from the message, the stack and every cause, and keeps short values alone', async () => {
    const { scrubErrorSecrets, redactSecrets, ProviderUnavailableError } = await import(
      '../src/index.js'
    );
    const key = 'sk-test-0123456789abcdef';
    const sdkError = new Error(`upstream said: bad key ${key}`, {
      cause: new Error(`raw body ${key}`),
    });
    const error = new ProviderUnavailableError(`failed with ${key}`, { cause: sdkError });
    scrubErrorSecrets(error, [key, undefined]);
    const texts = [
      error.message,
      error.stack,
      sdkError.message,
      sdkError.stack,
      String((sdkError.cause as Error).message),
    ];
    for (const text of texts) expect(text).not.toContain(key);
    expect(error.message).toBe('failed with [redacted]');
    expect(redactSecrets('a k b', ['k'])).toBe('a k b');
  });
});
