import {
  AbortError,
  AuthenticationError,
  type ChatRequest,
  ConfigurationError,
  ContextLengthExceededError,
  createClient,
  InvalidRequestError,
  InvalidResponseError,
  ModelNotFoundError,
  PermissionDeniedError,
  ProviderUnavailableError,
  RateLimitError,
  StratumError,
  TimeoutError,
} from '@stratum/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { anthropic, createAnthropic } from '../src/index.js';
import { API_KEY, MODEL, useHarness } from './setup.js';

const harness = useHarness();

const ask = (extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model: MODEL,
  messages: [{ role: 'user', content: 'Hello' }],
  ...extra,
});

async function failure(call: Promise<unknown>): Promise<StratumError> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!StratumError.is(error)) throw new Error(`expected a StratumError, got ${String(error)}`);
  return error;
}

/** Nothing a caller can see may contain the API key. */
function expectNoKey(error: StratumError): void {
  expect(error.message).not.toContain(API_KEY);
  expect(JSON.stringify(error.toJSON())).not.toContain(API_KEY);
  expect(JSON.stringify(error.headers ?? {})).not.toContain(API_KEY);
  expect(String(error.stack)).not.toContain(API_KEY);
}

describe('errors: HTTP statuses', () => {
  it.each([
    [400, 'invalid_request_error', InvalidRequestError, false],
    [401, 'authentication_error', AuthenticationError, false],
    [403, 'permission_error', PermissionDeniedError, false],
    [404, 'not_found_error', ModelNotFoundError, false],
    [413, 'request_too_large', InvalidRequestError, false],
    [429, 'rate_limit_error', RateLimitError, true],
    [500, 'api_error', ProviderUnavailableError, true],
    [529, 'overloaded_error', ProviderUnavailableError, true],
  ] as const)(
    'maps %i %s to %s (retryable: %s), in one request',
    async (status, type, errorClass, retryable) => {
      harness.simulator.enqueue({ kind: 'error', status });
      const error = await failure(harness.client.chat(ask()));
      expect(error).toBeInstanceOf(errorClass);
      expect(error).toMatchObject({
        provider: 'anthropic',
        model: 'claude-sonnet-4-5',
        status,
        retryable,
        vendorCode: type,
      });
      // The SDK's own retries are off: a failing call makes exactly one request.
      expect(harness.simulator.requests).toHaveLength(1);
      expectNoKey(error);
    },
  );

  it('reads retry-after on a 429 and keeps the rate-limit headers', async () => {
    harness.simulator.enqueue({ kind: 'error', status: 429 });
    const error = await failure(harness.client.chat(ask()));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(20_000);
    expect(error.headers?.['anthropic-ratelimit-requests-remaining']).toBe('0');
    expect(error.message).toContain('retry after 20000 ms');
  });

  it('makes a 529 overloaded_error a retryable ProviderUnavailableError, streaming too', async () => {
    harness.simulator.enqueue({ kind: 'error', status: 529 });
    const error = await failure(harness.client.stream(ask()).finalResponse());
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error.retryable).toBe(true);
    expect(error.vendorCode).toBe('overloaded_error');
    expect(error.message).toContain('Overloaded');
    expect(harness.simulator.requests).toHaveLength(1);
  });

  it('recognises "prompt is too long" as a context-length error', async () => {
    harness.simulator.enqueue({
      kind: 'error',
      status: 400,
      message: 'prompt is too long: 250000 tokens > 200000 maximum',
    });
    const error = await failure(harness.client.chat(ask()));
    expect(error).toBeInstanceOf(ContextLengthExceededError);
  });

  it('turns a non-JSON gateway page into a retryable ProviderUnavailableError', async () => {
    harness.simulator.enqueue({
      kind: 'raw',
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html>Bad gateway</html>',
    });
    const error = await failure(harness.client.chat(ask()));
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error.status).toBe(502);
    expect(harness.simulator.requests).toHaveLength(1);
  });
});

describe('errors: inside a stream', () => {
  it('maps an overloaded_error event mid-stream to a retryable ProviderUnavailableError', async () => {
    harness.simulator.enqueue({
      kind: 'stream-error',
      reply: { text: 'one two three four five' },
      afterChunks: 3,
      status: 529,
    });
    const texts: string[] = [];
    const error = await failure(
      (async () => {
        for await (const event of harness.client.stream(ask())) {
          if (event.type === 'text-delta') texts.push(event.text);
        }
      })(),
    );
    expect(texts).toEqual(['one ']);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error).toMatchObject({ retryable: true, vendorCode: 'overloaded_error', status: 529 });
    expect(error.message).toContain('middle of the stream');
  });

  it('maps a rate_limit_error event mid-stream to a RateLimitError', async () => {
    harness.simulator.enqueue({
      kind: 'stream-error',
      reply: { text: 'a b c' },
      afterChunks: 2,
      status: 429,
    });
    const error = await failure(harness.client.stream(ask()).finalResponse());
    expect(error).toBeInstanceOf(RateLimitError);
  });

  it('fails with a retryable error when the connection is cut mid-stream', async () => {
    harness.simulator.enqueue({
      kind: 'disconnect',
      reply: { text: 'one two three four' },
      afterChunks: 3,
    });
    const error = await failure(harness.client.stream(ask()).finalResponse());
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error.retryable).toBe(true);
    expect(harness.simulator.requests).toHaveLength(1);
  });

  it('fails with InvalidResponseError on a malformed event, and closes the connection', async () => {
    harness.simulator.enqueue({
      kind: 'malformed-chunk',
      reply: { text: 'one two' },
      afterChunks: 2,
    });
    // The SDK logs the unparseable event before throwing, unless ANTHROPIC_LOG says otherwise.
    // The provider builds its SDK client at the first call, which reads the variable.
    process.env['ANTHROPIC_LOG'] = 'off';
    const closed = harness.simulator.waitForAbort();
    const error = await failure(harness.clientWith({}).stream(ask()).finalResponse());
    delete process.env['ANTHROPIC_LOG'];
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.retryable).toBe(true);
    await closed;
  });

  it('fails with InvalidResponseError on a truncated JSON body', async () => {
    harness.simulator.enqueue({
      kind: 'malformed-chunk',
      reply: { text: 'one two' },
      afterChunks: 0,
    });
    const error = await failure(harness.client.chat(ask()));
    expect(error).toBeInstanceOf(InvalidResponseError);
  });
});

describe('errors: abort and timeout', () => {
  it('aborts mid-stream: AbortError for the caller, a closed connection for the server', async () => {
    harness.simulator.enqueue({
      kind: 'reply',
      reply: { text: 'a b c d e f g h i j k l m n o p' },
      chunkDelayMs: 30,
    });
    const controller = new AbortController();
    const closed = harness.simulator.waitForAbort();
    const texts: string[] = [];
    const error = await failure(
      (async () => {
        for await (const event of harness.client.stream(ask({ signal: controller.signal }))) {
          if (event.type === 'text-delta') {
            texts.push(event.text);
            if (texts.length === 2) controller.abort();
          }
        }
      })(),
    );
    expect(error).toBeInstanceOf(AbortError);
    await closed;
    expect(harness.simulator.abortedConnections).toBe(1);
    expect(texts.length).toBeLessThan(5);
  });

  it('aborts a hanging chat call', async () => {
    harness.simulator.enqueue({ kind: 'hang' });
    const controller = new AbortController();
    const closed = harness.simulator.waitForAbort();
    const pending = failure(harness.client.chat(ask({ signal: controller.signal })));
    // Abort once the request is at the simulator: a fixed delay can fire before it gets there.
    await harness.simulator.waitForRequest();
    controller.abort();
    expect(await pending).toBeInstanceOf(AbortError);
    await closed;
  });

  it("turns the request's timeoutMs into a TimeoutError and closes the connection", async () => {
    harness.simulator.enqueue({ kind: 'hang' });
    const closed = harness.simulator.waitForAbort();
    const error = await failure(harness.client.chat(ask({ timeoutMs: 1_000 })));
    expect(error).toBeInstanceOf(TimeoutError);
    await closed;
  });

  it("turns the provider's timeoutMs (the SDK timeout) into a retryable TimeoutError", async () => {
    harness.simulator.enqueue({ kind: 'hang' });
    const error = await failure(harness.clientWith({ timeoutMs: 1_000 }).chat(ask()));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.retryable).toBe(true);
    expect(harness.simulator.requests).toHaveLength(1);
  });
});

describe('errors: API key', () => {
  const saved = process.env['ANTHROPIC_API_KEY'];
  afterEach(() => {
    if (saved === undefined) delete process.env['ANTHROPIC_API_KEY'];
    else process.env['ANTHROPIC_API_KEY'] = saved;
  });

  it('raises a ConfigurationError naming ANTHROPIC_API_KEY at the first call, not at creation', async () => {
    delete process.env['ANTHROPIC_API_KEY'];
    const provider = createAnthropic({ baseURL: harness.simulator.baseURL });
    const client = createClient({ providers: [provider] });
    const error = await failure(client.chat(ask()));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toContain('ANTHROPIC_API_KEY');
    expect(error.message).toContain('apiKey');
    const streamError = await failure(client.stream(ask()).finalResponse());
    expect(streamError).toBeInstanceOf(ConfigurationError);
    expect(harness.simulator.requests).toHaveLength(0);
  });

  it('reads ANTHROPIC_API_KEY lazily, in the default instance too', async () => {
    delete process.env['ANTHROPIC_API_KEY'];
    expect(anthropic.name).toBe('anthropic');
    process.env['ANTHROPIC_API_KEY'] = API_KEY;
    const client = createClient({
      providers: [createAnthropic({ baseURL: harness.simulator.baseURL })],
    });
    await client.chat(ask());
    expect(harness.simulator.requests[0]?.headers['authorization']).toBe(`Bearer ${API_KEY}`);
  });

  it('never puts the key in an error, even for a 401', async () => {
    harness.simulator.enqueue({ kind: 'error', status: 401 });
    const error = await failure(harness.client.chat(ask()));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toContain('Check the API key');
    expectNoKey(error);
  });

  it('does not log the key while calling', async () => {
    const spies = [
      vi.spyOn(console, 'log'),
      vi.spyOn(console, 'error'),
      vi.spyOn(console, 'info'),
      vi.spyOn(console, 'debug'),
    ];
    harness.simulator.enqueue({ kind: 'error', status: 500 });
    await failure(harness.client.chat(ask()));
    await harness.client.chat(ask());
    for (const spy of spies) {
      expect(JSON.stringify(spy.mock.calls)).not.toContain(API_KEY);
      spy.mockRestore();
    }
  });
});
