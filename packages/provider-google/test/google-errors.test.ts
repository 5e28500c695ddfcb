import { createServer } from 'node:net';
import { createClient, type StratumError } from '@stratum/core';
import { geminiBlockedPromptStep, geminiFinishStep } from '@stratum/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createGoogle, google } from '../src/index.js';
import { API_KEY, failure, useGoogle } from './harness.js';

const harness = useGoogle();
const MODEL = 'google/gemini-2.5-flash';
const ask = () =>
  harness.client.chat({ model: MODEL, messages: [{ role: 'user', content: 'fail' }] });

/** Every error message and serialized error seen in this file, checked for the key at the end. */
const seen: StratumError[] = [];
async function expectFailure(promise: Promise<unknown>): Promise<StratumError> {
  const error = await failure(promise);
  seen.push(error);
  return error;
}

describe('HTTP errors → Stratum errors', () => {
  const cases: Array<{
    status: number;
    vendorCode?: string;
    code: string;
    retryable: boolean;
    vendor: string;
  }> = [
    { status: 400, code: 'invalid_request', retryable: false, vendor: 'INVALID_ARGUMENT' },
    {
      status: 400,
      vendorCode: 'FAILED_PRECONDITION',
      code: 'invalid_request',
      retryable: false,
      vendor: 'FAILED_PRECONDITION',
    },
    { status: 401, code: 'authentication', retryable: false, vendor: 'UNAUTHENTICATED' },
    { status: 403, code: 'permission_denied', retryable: false, vendor: 'PERMISSION_DENIED' },
    { status: 404, code: 'model_not_found', retryable: false, vendor: 'NOT_FOUND' },
    { status: 429, code: 'rate_limit', retryable: true, vendor: 'RESOURCE_EXHAUSTED' },
    { status: 500, code: 'provider_unavailable', retryable: true, vendor: 'INTERNAL' },
    { status: 503, code: 'provider_unavailable', retryable: true, vendor: 'UNAVAILABLE' },
    { status: 504, code: 'timeout', retryable: true, vendor: 'DEADLINE_EXCEEDED' },
  ];
  for (const { status, vendorCode, code, retryable, vendor } of cases) {
    it(`maps ${status} ${vendor} to ${code}, with one request (no SDK retries)`, async () => {
      harness.simulator.enqueue({ kind: 'error', status, vendorCode });
      const error = await expectFailure(ask());
      expect(error).toMatchObject({
        code,
        status,
        retryable,
        provider: 'google',
        model: 'gemini-2.5-flash',
        vendorCode: vendor,
      });
      expect(error.message).toMatch(/^google \(gemini-2\.5-flash\) said: /);
      expect(harness.simulator.requests).toHaveLength(1);
    });
  }

  it('takes retryAfterMs from the RetryInfo detail', async () => {
    harness.simulator.enqueue(
      { kind: 'error', status: 429 },
      { kind: 'error', status: 429, headers: { 'retry-after': '7' } },
    );
    // Gemini's usual RetryInfo: "32s".
    expect((await expectFailure(ask())).retryAfterMs).toBe(32_000);
    const error = await expectFailure(ask());
    expect(error.retryAfterMs).toBe(7_000);
    expect(error.message).toContain('retry after 7000 ms');
  });

  it('reads fractional retry delays', async () => {
    harness.simulator.enqueue({
      kind: 'raw',
      status: 429,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        error: {
          code: 429,
          message: 'Quota exceeded.',
          status: 'RESOURCE_EXHAUSTED',
          details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '34.4s' }],
        },
      }),
    });
    expect((await expectFailure(ask())).retryAfterMs).toBe(34_400);
  });

  it('recognizes an over-long prompt', async () => {
    harness.simulator.enqueue({
      kind: 'error',
      status: 400,
      message:
        'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).',
    });
    const error = await expectFailure(ask());
    expect(error.code).toBe('context_length_exceeded');
  });

  it('treats a non-JSON 502 from a proxy as provider_unavailable', async () => {
    harness.simulator.enqueue({
      kind: 'raw',
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html>Bad Gateway</html>',
    });
    const error = await expectFailure(ask());
    expect(error).toMatchObject({ code: 'provider_unavailable', status: 502, retryable: true });
  });

  it('fails with provider_unavailable when nothing listens at baseURL', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const client = createClient({
      providers: [createGoogle({ apiKey: API_KEY, baseURL: `http://127.0.0.1:${port}` })],
    });
    const error = await expectFailure(
      client.chat({ model: MODEL, messages: [{ role: 'user', content: 'x' }] }),
    );
    expect(error).toMatchObject({
      code: 'provider_unavailable',
      retryable: true,
      provider: 'google',
    });
  });
});

describe('safety blocks', () => {
  it('a blocked prompt is a content_filter error', async () => {
    harness.simulator.enqueue(geminiBlockedPromptStep('SAFETY'));
    const error = await expectFailure(ask());
    expect(error).toMatchObject({
      code: 'content_filter',
      vendorCode: 'SAFETY',
      retryable: false,
      provider: 'google',
    });
    expect(error.message).toContain('promptFeedback.blockReason SAFETY');
    expect(error.message).toContain('HARM_CATEGORY_DANGEROUS_CONTENT: HIGH');
  });

  for (const reason of ['SAFETY', 'PROHIBITED_CONTENT', 'BLOCKLIST', 'SPII', 'RECITATION']) {
    it(`finishReason ${reason} is a content_filter error`, async () => {
      harness.simulator.enqueue(geminiFinishStep(reason, { text: 'partial' }));
      const error = await expectFailure(ask());
      expect(error).toMatchObject({ code: 'content_filter', vendorCode: reason });
    });
  }

  it('other finish reasons stay on the response, raw value kept', async () => {
    harness.simulator.enqueue(
      { kind: 'reply', reply: { text: 'cut off', finishReason: 'length' } },
      { kind: 'reply', reply: { toolCalls: [{ name: 'f', arguments: '{"broken' }] } },
      geminiFinishStep('LANGUAGE', { text: '' }),
    );
    const long = await ask();
    expect([long.finishReason, long.rawFinishReason, long.text]).toEqual([
      'length',
      'MAX_TOKENS',
      'cut off',
    ]);
    const malformed = await ask();
    expect([malformed.finishReason, malformed.rawFinishReason]).toEqual([
      'error',
      'MALFORMED_FUNCTION_CALL',
    ]);
    const language = await ask();
    expect([language.finishReason, language.rawFinishReason]).toEqual(['other', 'LANGUAGE']);
  });
});

describe('API keys', () => {
  const saved = { google: process.env['GOOGLE_API_KEY'], gemini: process.env['GEMINI_API_KEY'] };
  afterEach(() => {
    for (const [name, value] of [
      ['GOOGLE_API_KEY', saved.google],
      ['GEMINI_API_KEY', saved.gemini],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('a missing key is a ConfigurationError naming both variables, raised at the first call', async () => {
    delete process.env['GOOGLE_API_KEY'];
    delete process.env['GEMINI_API_KEY'];
    const provider = createGoogle({ baseURL: harness.simulator.baseURL });
    const client = createClient({ providers: [provider] });
    const error = await expectFailure(
      client.chat({ model: MODEL, messages: [{ role: 'user', content: 'x' }] }),
    );
    expect(error.code).toBe('configuration');
    expect(error.message).toContain('GOOGLE_API_KEY');
    expect(error.message).toContain('GEMINI_API_KEY');
    expect(harness.simulator.requests).toHaveLength(0);
    // The default instance is created without a key and fails the same way, lazily.
    expect(google.name).toBe('google');
    const defaultError = await expectFailure(
      createClient({ providers: [google] }).chat({
        model: MODEL,
        messages: [{ role: 'user', content: 'x' }],
      }),
    );
    expect(defaultError.code).toBe('configuration');
  });

  it('reads GEMINI_API_KEY when GOOGLE_API_KEY is not set', async () => {
    delete process.env['GOOGLE_API_KEY'];
    process.env['GEMINI_API_KEY'] = API_KEY;
    const client = createClient({
      providers: [createGoogle({ baseURL: harness.simulator.baseURL })],
    });
    await client.chat({ model: MODEL, messages: [{ role: 'user', content: 'x' }] });
    expect(harness.simulator.requests[0]?.headers['x-goog-api-key']).toBe(API_KEY);
  });

  it('a wrong key is an authentication error (Gemini answers 400 API_KEY_INVALID)', async () => {
    const wrongKey = 'AIzaSy-wrong-key-do-not-leak-42';
    const client = createClient({
      providers: [createGoogle({ apiKey: wrongKey, baseURL: harness.simulator.baseURL })],
    });
    const error = await expectFailure(
      client.chat({ model: MODEL, messages: [{ role: 'user', content: 'x' }] }),
    );
    expect(error).toMatchObject({
      code: 'authentication',
      status: 400,
      vendorCode: 'API_KEY_INVALID',
    });
    expect(error.message).not.toContain(wrongKey);
    expect(harness.simulator.requests[0]?.url).not.toContain(wrongKey);
  });

  it('redacts the key when a proxy echoes it in an error', async () => {
    harness.simulator.enqueue({
      kind: 'error',
      status: 400,
      message: `API key ${API_KEY} is not valid for this project.`,
    });
    const error = await expectFailure(ask());
    expect(error.message).toContain('[redacted]');
  });

  it('never puts the key in a URL or an error message', async () => {
    harness.simulator.enqueue(
      { kind: 'reply', reply: { text: 'ok' } },
      { kind: 'reply', reply: { text: 'ok' } },
      { kind: 'error', status: 503 },
      { kind: 'stream-error', reply: { text: 'a b' }, afterChunks: 1, status: 500 },
    );
    await ask();
    await harness.client
      .stream({ model: MODEL, messages: [{ role: 'user', content: 'x' }] })
      .finalResponse();
    await expectFailure(ask());
    await expectFailure(
      harness.client
        .stream({ model: MODEL, messages: [{ role: 'user', content: 'x' }] })
        .finalResponse(),
    );
    const requests = harness.simulator.requests;
    expect(requests).toHaveLength(4);
    for (const request of requests) {
      expect(request.url).not.toContain(API_KEY);
      expect(request.url).not.toContain('key=');
      expect(request.headers['x-goog-api-key']).toBe(API_KEY);
    }
    expect(seen.length).toBeGreaterThan(20);
    for (const error of seen) {
      expect(error.message).not.toContain(API_KEY);
      expect(JSON.stringify(error)).not.toContain(API_KEY);
      expect(String(error.stack)).not.toContain(API_KEY);
    }
  });
});

describe('timeouts', () => {
  it('createGoogle({ timeoutMs }) fails a hung call with a TimeoutError and hangs up', async () => {
    const client = createClient({
      providers: [
        createGoogle({ apiKey: API_KEY, baseURL: harness.simulator.baseURL, timeoutMs: 1_000 }),
      ],
    });
    harness.simulator.enqueue({ kind: 'hang' });
    const aborted = harness.simulator.waitForAbort();
    const error = await expectFailure(
      client.chat({ model: MODEL, messages: [{ role: 'user', content: 'x' }] }),
    );
    expect(error).toMatchObject({ code: 'timeout', retryable: true, provider: 'google' });
    expect(error.message).toContain('1000 ms');
    await aborted;
  });

  it("a request's own timeoutMs reaches the HTTP request", async () => {
    harness.simulator.enqueue({ kind: 'hang' });
    const aborted = harness.simulator.waitForAbort();
    const error = await expectFailure(
      harness.client.chat({
        model: MODEL,
        messages: [{ role: 'user', content: 'x' }],
        timeoutMs: 1_000,
      }),
    );
    expect(error.code).toBe('timeout');
    await aborted;
  });
});
