import { describe, expect, it } from 'vitest';
import {
  AbortError,
  type CallContext,
  ConfigurationError,
  createClient,
  createUsage,
  type Middleware,
  ProviderUnavailableError,
  RateLimitError,
  TimeoutError,
} from '../src/index.js';
import { createFakeProvider, textResult, waitOrAbort } from './helpers/fake-provider.js';

const messages = [{ role: 'user' as const, content: 'hi' }];

describe('client.chat', () => {
  it('builds text, reasoning, tool calls, cost and latency from the provider result', async () => {
    const provider = createFakeProvider({
      async chat() {
        await new Promise((resolve) => setTimeout(resolve, 25));
        return {
          id: 'chatcmpl_1',
          model: 'gpt-4.1-mini-2025-04-14',
          content: [
            { type: 'reasoning', text: 'Think.' },
            { type: 'text', text: 'Hello ' },
            { type: 'text', text: 'world' },
            {
              type: 'tool-call',
              id: 'call_1',
              name: 'get_weather',
              arguments: { city: 'Paris' },
              rawArguments: '{"city": "Paris"}',
            },
            { type: 'tool-call', id: 'call_2', name: 'now', arguments: {} },
          ],
          finishReason: 'tool-calls',
          rawFinishReason: 'tool_calls',
          usage: createUsage({ inputTokens: 1_000, outputTokens: 500 }),
          warnings: [{ type: 'unsupported-setting', setting: 'seed', message: 'seed ignored' }],
          raw: { vendor: 'body' },
        };
      },
    });
    const client = createClient({ providers: [provider] });
    const response = await client.chat({ model: 'gpt-4.1-mini', messages, seed: 7 });

    expect(provider.requests[0]).toMatchObject({ model: 'gpt-4.1-mini', seed: 7, messages });
    expect(provider.requests[0]?.modelInfo?.id).toBe('openai/gpt-4.1-mini');
    expect(response).toMatchObject({
      id: 'chatcmpl_1',
      provider: 'openai',
      model: 'gpt-4.1-mini-2025-04-14',
      modelId: 'openai/gpt-4.1-mini',
      text: 'Hello world',
      reasoning: 'Think.',
      finishReason: 'tool-calls',
      rawFinishReason: 'tool_calls',
      warnings: [{ type: 'unsupported-setting', setting: 'seed', message: 'seed ignored' }],
    });
    expect(response.toolCalls).toEqual([
      {
        id: 'call_1',
        name: 'get_weather',
        arguments: { city: 'Paris' },
        rawArguments: '{"city": "Paris"}',
      },
      { id: 'call_2', name: 'now', arguments: {}, rawArguments: '{}' },
    ]);
    // 1,000 × $0.40 / 1M + 500 × $1.60 / 1M = $0.0004 + $0.0008 = $0.0012
    expect(response.cost).toMatchObject({ input: 0.0004, output: 0.0008, total: 0.0012 });
    expect(response.latencyMs).toBeGreaterThanOrEqual(20);
    expect(response.raw).toBeUndefined();
    const withRaw = await client.chat({ model: 'gpt-4.1-mini', messages, includeRaw: true });
    expect(withRaw.raw).toEqual({ vendor: 'body' });
  });

  it('runs middleware in order, the first one outermost', async () => {
    const log: string[] = [];
    const layer = (name: string): Middleware => ({
      name,
      async chat(context, next) {
        log.push(`${name}:before`);
        const response = await next(context);
        log.push(`${name}:after`);
        return response;
      },
    });
    const provider = createFakeProvider({
      chat: () => {
        log.push('provider');
        return textResult('ok');
      },
    });
    const client = createClient({
      providers: [provider],
      middleware: [layer('outer'), layer('inner')],
    });
    await client.chat({ model: 'gpt-4.1-mini', messages });
    expect(log).toEqual(['outer:before', 'inner:before', 'provider', 'inner:after', 'outer:after']);
  });

  it('lets middleware change the model, and prices the model actually called', async () => {
    const openai = createFakeProvider({ name: 'openai' });
    const anthropic = createFakeProvider({
      name: 'anthropic',
      chat: () =>
        textResult('ok', { usage: createUsage({ inputTokens: 1_000_000, outputTokens: 0 }) }),
    });
    const router: Middleware = {
      name: 'router',
      chat(context, next) {
        return next({ ...context, model: context.resolveModel('claude-haiku-4-5') });
      },
    };
    const client = createClient({ providers: [openai, anthropic], middleware: [router] });
    const response = await client.chat({ model: 'gpt-4.1-mini', messages });
    expect(openai.requests).toHaveLength(0);
    expect(anthropic.requests[0]?.model).toBe('claude-haiku-4-5');
    expect(response.modelId).toBe('anthropic/claude-haiku-4-5');
    // claude-haiku-4-5 input: 1,000,000 × $1 / 1M = $1
    expect(response.cost?.total).toBe(1);
  });

  it('lets middleware call next twice (a retry)', async () => {
    let calls = 0;
    const provider = createFakeProvider({
      chat: () => {
        calls += 1;
        if (calls === 1) throw new RateLimitError('slow down', { provider: 'openai' });
        return textResult('second time');
      },
    });
    const attempts: number[] = [];
    const retry: Middleware = {
      name: 'retry',
      async chat(context, next) {
        try {
          attempts.push(context.attempt);
          return await next(context);
        } catch (error) {
          if (!RateLimitError.is(error)) throw error;
          const again: CallContext = { ...context, attempt: context.attempt + 1 };
          attempts.push(again.attempt);
          return next(again);
        }
      },
    };
    const client = createClient({ providers: [provider], middleware: [retry] });
    const response = await client.chat({ model: 'gpt-4.1-mini', messages });
    expect(response.text).toBe('second time');
    expect(provider.requests).toHaveLength(2);
    expect(attempts).toEqual([1, 2]);
  });

  it('raises TimeoutError after timeoutMs and aborts the provider’s signal', async () => {
    const provider = createFakeProvider({
      async chat(request) {
        await waitOrAbort(10_000, request.signal);
        return textResult('too late');
      },
    });
    const client = createClient({ providers: [provider] });
    const started = performance.now();
    const error = await client
      .chat({ model: 'gpt-4.1-mini', messages, timeoutMs: 30 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ retryable: true, provider: 'openai', model: 'gpt-4.1-mini' });
    expect(error.message).toMatch(/within 30 ms/);
    expect(provider.requests[0]?.signal?.aborted).toBe(true);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('raises AbortError when the caller aborts, and the provider’s signal aborts too', async () => {
    const provider = createFakeProvider({
      async chat(request) {
        await waitOrAbort(10_000, request.signal);
        return textResult('too late');
      },
    });
    const client = createClient({ providers: [provider] });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const error = await client
      .chat({ model: 'gpt-4.1-mini', messages, signal: controller.signal, timeoutMs: 5_000 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error.retryable).toBe(false);
    expect(provider.requests[0]?.signal?.aborted).toBe(true);
  });

  it('wraps an unexpected provider failure in ProviderUnavailableError', async () => {
    const provider = createFakeProvider({
      chat: () => {
        throw new TypeError('socket hang up');
      },
    });
    const client = createClient({ providers: [provider] });
    const error = await client.chat({ model: 'gpt-4.1-mini', messages }).catch((e) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error.message).toContain('socket hang up');
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('names the package to install when no provider serves the model', async () => {
    const client = createClient({ providers: [createFakeProvider({ name: 'openai' })] });
    const error = await client.chat({ model: 'claude-sonnet-4-5', messages }).catch((e) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toContain('Install @stratum/provider-anthropic');
    expect(error.message).toContain('registered: openai');
  });

  it('rejects bad client setup and bad timeouts with ConfigurationError', async () => {
    expect(() => createClient({ providers: [] })).toThrow(/at least one provider/);
    expect(() => createClient({ providers: [createFakeProvider(), createFakeProvider()] })).toThrow(
      /two providers named "openai"/,
    );
    const client = createClient({ providers: [createFakeProvider()] });
    await expect(client.chat({ model: 'gpt-4.1-mini', messages, timeoutMs: -1 })).rejects.toThrow(
      /timeoutMs must be a positive number/,
    );
  });
});

describe('middleware that claims model ids', () => {
  it('starts the call with the claimed resolution, and leaves other ids to the client', async () => {
    const seen: string[] = [];
    const provider = createFakeProvider({
      name: 'fake',
      async chat(request) {
        seen.push(request.model);
        return textResult('ok');
      },
    });
    const claimer: Middleware = {
      name: 'claimer',
      claimModel: (id) =>
        id === 'my-route'
          ? { id: 'route/my-route', provider: 'route', name: id, info: undefined }
          : undefined,
      chat(context, next) {
        if (context.model.provider !== 'route') return next(context);
        return next({
          ...context,
          request: { ...context.request, model: 'fake/picked' },
          model: context.resolveModel('fake/picked'),
        });
      },
    };
    const client = createClient({ providers: [provider], middleware: [claimer] });
    expect(client.resolveModel('my-route').id).toBe('route/my-route');
    expect((await client.chat({ model: 'my-route', messages })).modelId).toBe('fake/picked');
    expect((await client.chat({ model: 'fake/direct', messages })).modelId).toBe('fake/direct');
    expect(seen).toEqual(['picked', 'direct']);
  });
});
