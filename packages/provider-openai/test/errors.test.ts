import {
  AuthenticationError,
  ConfigurationError,
  ConflictError,
  ContextLengthExceededError,
  createClient,
  InvalidRequestError,
  ModelNotFoundError,
  PermissionDeniedError,
  ProviderUnavailableError,
  RateLimitError,
  StratumError,
  TimeoutError,
} from '@stratum/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOpenAI, openai } from '../src/index.js';
import { readFixture, TEST_API_KEY, useOpenAISimulator } from './setup-simulator.js';

const setup = useOpenAISimulator();
const ask = { model: 'openai/gpt-4.1-mini', messages: [{ role: 'user' as const, content: 'hi' }] };

async function failureOf(promise: Promise<unknown>): Promise<StratumError> {
  try {
    await promise;
  } catch (error) {
    if (StratumError.is(error)) return error;
    throw new Error(`expected a StratumError, got ${String(error)}`);
  }
  throw new Error('expected the call to fail');
}

const cases = [
  {
    status: 400,
    errorClass: InvalidRequestError,
    vendorCode: 'invalid_request_error',
    retryable: false,
  },
  { status: 401, errorClass: AuthenticationError, vendorCode: 'invalid_api_key', retryable: false },
  {
    status: 403,
    errorClass: PermissionDeniedError,
    vendorCode: 'unsupported_country_region_territory',
    retryable: false,
  },
  { status: 404, errorClass: ModelNotFoundError, vendorCode: 'model_not_found', retryable: false },
  { status: 408, errorClass: TimeoutError, vendorCode: 'timeout', retryable: true },
  { status: 409, errorClass: ConflictError, vendorCode: 'conflict', retryable: true },
  {
    status: 413,
    errorClass: InvalidRequestError,
    vendorCode: 'request_too_large',
    retryable: false,
  },
  {
    status: 422,
    errorClass: InvalidRequestError,
    vendorCode: 'invalid_request_error',
    retryable: false,
  },
  { status: 429, errorClass: RateLimitError, vendorCode: 'rate_limit_exceeded', retryable: true },
  {
    status: 500,
    errorClass: ProviderUnavailableError,
    vendorCode: 'server_error',
    retryable: true,
  },
  // Cloudflare's 502 body has a numeric code, so its type is the vendor code.
  {
    status: 502,
    errorClass: ProviderUnavailableError,
    vendorCode: 'cf_bad_gateway',
    retryable: true,
  },
  {
    status: 503,
    errorClass: ProviderUnavailableError,
    vendorCode: 'server_error',
    retryable: true,
  },
] as const;

describe('openai errors', () => {
  for (const { status, errorClass, vendorCode, retryable } of cases) {
    it(`maps HTTP ${status} to ${errorClass.name} after exactly one request`, async () => {
      setup.simulator.enqueue({ kind: 'error', status });
      const error = await failureOf(setup.client.chat(ask));
      expect(error).toBeInstanceOf(errorClass);
      expect(error.constructor).toBe(errorClass);
      expect(error.status).toBe(status);
      expect(error.provider).toBe('openai');
      expect(error.model).toBe('gpt-4.1-mini');
      expect(error.vendorCode).toBe(vendorCode);
      expect(error.retryable).toBe(retryable);
      expect(error.message).toMatch(/^openai \(gpt-4\.1-mini\) said: /);
      // The SDK would retry 408, 409, 429 and 5xx twice by itself; Stratum turns that off.
      expect(setup.simulator.requests).toHaveLength(1);
    });
  }

  it('reads Retry-After into retryAfterMs and keeps the rate-limit headers', async () => {
    setup.simulator.enqueue({ kind: 'error', status: 429, headers: { 'retry-after': '7' } });
    const error = await failureOf(setup.client.chat(ask));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(7_000);
    expect(error.headers?.['x-ratelimit-remaining-requests']).toBe('0');
    expect(error.message).toMatch(/retry after 7000 ms/);
  });

  it('prefers retry-after-ms when OpenAI sends it', async () => {
    setup.simulator.enqueue({
      kind: 'error',
      status: 429,
      headers: { 'retry-after': '1', 'retry-after-ms': '1250' },
    });
    const error = await failureOf(setup.client.chat(ask));
    expect(error.retryAfterMs).toBe(1_250);
  });

  it('maps context_length_exceeded to ContextLengthExceededError', async () => {
    setup.simulator.enqueue({
      kind: 'error',
      status: 400,
      vendorCode: 'context_length_exceeded',
      message:
        "This model's maximum context length is 128000 tokens. However, your messages resulted in 130512 tokens.",
    });
    const error = await failureOf(setup.client.chat(ask));
    expect(error).toBeInstanceOf(ContextLengthExceededError);
    expect(error.message).toMatch(/130512 tokens/);
  });

  it('maps an error sent inside a 200 stream by its type', async () => {
    setup.simulator.enqueue(
      { kind: 'stream-error', reply: { text: 'partial answer here' }, afterChunks: 2, status: 500 },
      { kind: 'stream-error', reply: { text: 'x' }, afterChunks: 1, status: 429 },
    );
    const texts: string[] = [];
    const first = await failureOf(
      (async () => {
        for await (const piece of setup.client.stream(ask).textStream) texts.push(piece);
      })(),
    );
    expect(texts).toEqual(['partial ']);
    expect(first).toBeInstanceOf(ProviderUnavailableError);
    expect(first.message).toMatch(/The server had an error/);
    const second = await failureOf(setup.client.stream(ask).finalResponse());
    expect(second).toBeInstanceOf(RateLimitError);
    expect(second.vendorCode).toBe('rate_limit_exceeded');
  });

  it('maps a non-JSON gateway page to ProviderUnavailableError', async () => {
    setup.simulator.enqueue({
      kind: 'raw',
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html><head><title>502 Bad Gateway</title></head></html>',
    });
    const error = await failureOf(setup.client.chat(ask));
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error.status).toBe(502);
  });

  it('maps a connection refused to ProviderUnavailableError', async () => {
    const provider = createOpenAI({ apiKey: TEST_API_KEY, baseURL: 'http://127.0.0.1:9/v1' });
    const error = await failureOf(createClient({ providers: [provider] }).chat(ask));
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error.message).toMatch(/Could not reach openai/);
    expect(error.retryable).toBe(true);
  });

  it('maps the recorded reasoning-model legacy-parameter error to InvalidRequestError', async () => {
    setup.simulator.enqueue({
      kind: 'recorded',
      status: 400,
      json: await readFixture('reasoning-model-legacy-parameter-error.json'),
    });
    const error = await failureOf(setup.client.chat({ ...ask, model: 'openai/o3-mini' }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.vendorCode).toBe('unsupported_parameter');
    expect(error.message).toContain(
      "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
    );
    expect(error.retryable).toBe(false);
  });

  it('never lets the API key reach an error, even when a vendor echoes it', async () => {
    setup.simulator.enqueue({
      kind: 'error',
      status: 401,
      message: `Incorrect API key provided: ${TEST_API_KEY}.`,
    });
    const error = await failureOf(setup.client.chat(ask));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toContain('Incorrect API key provided: [redacted]');
    expect(error.message).not.toContain(TEST_API_KEY);
    expect(String(error)).not.toContain(TEST_API_KEY);
    expect(JSON.stringify(error)).not.toContain(TEST_API_KEY);
    expect(JSON.stringify(error.headers)).not.toContain(TEST_API_KEY);
    // The SDK's own error, kept as the cause, is scrubbed too: every message and stack in the chain.
    const chain: string[] = [];
    for (let link: unknown = error; link instanceof Error; link = link.cause) {
      chain.push(link.message, link.stack ?? '');
    }
    expect(chain.length).toBeGreaterThan(2);
    expect(chain.join('\n')).not.toContain(TEST_API_KEY);
  });
});

describe('openai API key', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('the default instance imports without a key and fails the first call with a ConfigurationError', async () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    expect(openai.name).toBe('openai');
    const error = await failureOf(createClient({ providers: [openai] }).chat(ask));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toContain('OPENAI_API_KEY');
    expect(error.message).toContain('apiKey');
  });

  it('reads OPENAI_API_KEY lazily, at the first call', async () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    const provider = createOpenAI({ baseURL: setup.simulator.baseURL });
    vi.stubEnv('OPENAI_API_KEY', 'sk-from-environment-0001');
    setup.simulator.enqueue({ kind: 'reply', reply: { text: 'ok' } });
    const response = await createClient({ providers: [provider] }).chat(ask);
    expect(response.text).toBe('ok');
    expect(setup.simulator.requests[0]?.headers['authorization']).toBe(
      'Bearer sk-from-environment-0001',
    );
  });

  it('a missing key sends no request', async () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    const provider = createOpenAI({ baseURL: setup.simulator.baseURL });
    await expect(
      createClient({ providers: [provider] })
        .stream(ask)
        .finalResponse(),
    ).rejects.toBeInstanceOf(ConfigurationError);
    expect(setup.simulator.requests).toHaveLength(0);
  });
});
