import {
  ConfigurationError,
  createClient,
  createUsage,
  InvalidRequestError,
  ProviderUnavailableError,
  RateLimitError,
  registerModel,
  type StreamEvent,
} from '@stratum/core';
import { type OpenAISimulator, startOpenAISimulator } from '@stratum/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createOpenAICompatible, type OpenAICompatibleUsage } from '../src/index.js';
import { requestBody, TEST_API_KEY } from './setup-simulator.js';

const ask = (model: string) => ({ model, messages: [{ role: 'user' as const, content: 'hi' }] });

describe('createOpenAICompatible: Azure-style endpoint', () => {
  let simulator: OpenAISimulator;
  beforeAll(async () => {
    simulator = await startOpenAISimulator({ pathPrefix: '/openai' });
  });
  afterAll(() => simulator.close());

  it('sends the key in a custom header, a query parameter and a per-deployment path', async () => {
    const azure = createOpenAICompatible({
      name: 'azure',
      baseURL: `${simulator.origin}/openai`,
      apiKey: TEST_API_KEY,
      authHeaders: (apiKey) => ({ 'api-key': apiKey }),
      queryParameters: { 'api-version': '2024-10-21' },
      chatCompletionsPath: (deployment) => `/deployments/${deployment}/chat/completions`,
      maxTokensParameter: 'max_completion_tokens',
    });
    simulator.enqueue({ kind: 'reply', reply: { text: 'from Azure' } });
    const response = await createClient({ providers: [azure] }).chat({
      ...ask('azure/my-gpt-deployment'),
      maxOutputTokens: 10,
    });
    expect(response.text).toBe('from Azure');
    const request = simulator.requests[0];
    expect(request?.url).toBe(
      '/openai/deployments/my-gpt-deployment/chat/completions?api-version=2024-10-21',
    );
    expect(request?.headers['api-key']).toBe(TEST_API_KEY);
    expect(request?.headers['authorization']).toBeUndefined();
    expect(requestBody(simulator)['max_completion_tokens']).toBe(10);
  });
});

describe('createOpenAICompatible: hooks', () => {
  let simulator: OpenAISimulator;
  beforeAll(async () => {
    simulator = await startOpenAISimulator({
      reasoningField: 'reasoning_content',
      // DeepSeek's usage: cache hits and misses beside prompt_tokens, plus a cost like OpenRouter's.
      renderUsage: (usage) => ({
        prompt_tokens: usage.inputTokens,
        completion_tokens: usage.outputTokens,
        total_tokens: usage.inputTokens + usage.outputTokens,
        prompt_cache_hit_tokens: usage.cacheReadTokens ?? 0,
        prompt_cache_miss_tokens: usage.inputTokens - (usage.cacheReadTokens ?? 0),
        completion_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
        cost: 0.00042,
      }),
    });
  });
  afterAll(() => simulator.close());
  afterEach(() => {
    simulator.reset();
    vi.unstubAllEnvs();
  });

  const numberField = (usage: OpenAICompatibleUsage, field: string): number => {
    const value = usage[field];
    return typeof value === 'number' ? value : 0;
  };
  const deepseek = () =>
    createOpenAICompatible({
      name: 'deepseek-test',
      baseURL: simulator.baseURL,
      apiKey: TEST_API_KEY,
      mapUsage: (usage) =>
        createUsage({
          inputTokens: usage.prompt_tokens,
          cacheReadTokens: numberField(usage, 'prompt_cache_hit_tokens'),
          outputTokens: usage.completion_tokens,
          reasoningTokens: usage.completion_tokens_details?.reasoning_tokens,
        }),
      readProviderCost: (usage) => {
        const cost = usage['cost'];
        return typeof cost === 'number' ? { total: cost } : undefined;
      },
      transformRequestBody: (body, context) => {
        if (body.seed !== undefined) {
          context.warnings.push({
            type: 'unsupported-setting',
            setting: 'seed',
            message: 'no seed here',
          });
          delete body.seed;
        }
        return { ...body, model: `${body.model}-v2`, thinking: { type: 'enabled' } };
      },
    });

  it('reads reasoning_content, maps vendor usage fields and takes the vendor-reported cost', async () => {
    registerModel({
      id: 'deepseek-test/reasoner',
      pricing: { input: 0.56, cacheRead: 0.07, output: 1.68 },
    });
    simulator.enqueue({
      kind: 'reply',
      reply: {
        reasoning: 'Two plus two is four.',
        text: '4',
        usage: { inputTokens: 100, cacheReadTokens: 60, outputTokens: 30, reasoningTokens: 25 },
      },
    });
    const response = await createClient({ providers: [deepseek()] }).chat(
      ask('deepseek-test/reasoner'),
    );
    expect(response.reasoning).toBe('Two plus two is four.');
    expect(response.content.map((part) => part.type)).toEqual(['reasoning', 'text']);
    expect(response.usage).toMatchObject({
      inputTokens: 100,
      cacheReadTokens: 60,
      outputTokens: 30,
      reasoningTokens: 25,
    });
    // The vendor's own figure wins; the catalog breakdown stays: 40 × $0.56/M + 60 × $0.07/M
    // = $0.0000224 + $0.0000042; 30 × $1.68/M = $0.0000504.
    expect(response.cost).toMatchObject({
      source: 'provider',
      total: 0.00042,
      input: 0.0000224,
      cacheRead: 0.0000042,
      output: 0.0000504,
    });
  });

  it('streams reasoning deltas from reasoning_content before the text', async () => {
    simulator.enqueue({
      kind: 'reply',
      reply: {
        reasoning: 'Think first.',
        text: 'Then answer.',
        usage: { inputTokens: 5, outputTokens: 6 },
      },
    });
    const events: StreamEvent[] = [];
    for await (const event of createClient({ providers: [deepseek()] }).stream(
      ask('deepseek-test/x'),
    )) {
      events.push(event);
    }
    expect(
      events.flatMap((event) =>
        event.type === 'reasoning-delta' || event.type === 'text-delta'
          ? [`${event.type}:${event.text}`]
          : [],
      ),
    ).toEqual([
      'reasoning-delta:Think ',
      'reasoning-delta:first.',
      'text-delta:Then ',
      'text-delta:answer.',
    ]);
    const finish = events.at(-1);
    expect(finish?.type === 'finish' && finish.response.cost?.total).toBe(0.00042);
  });

  it('lets transformRequestBody rename the model, add fields and drop settings with a warning', async () => {
    simulator.enqueue({ kind: 'reply', reply: { text: 'ok' } });
    const response = await createClient({ providers: [deepseek()] }).chat({
      ...ask('deepseek-test/chat'),
      seed: 7,
      maxOutputTokens: 50,
      providerOptions: { 'deepseek-test': { user_id: 'u-1' } },
    });
    const body = requestBody(simulator);
    expect(body['model']).toBe('chat-v2');
    expect(body['thinking']).toEqual({ type: 'enabled' });
    expect(body['user_id']).toBe('u-1');
    // OpenAI-compatible endpoints take max_tokens unless told otherwise.
    expect(body['max_tokens']).toBe(50);
    expect(body).not.toHaveProperty('seed');
    expect(response.warnings).toEqual([expect.objectContaining({ setting: 'seed' })]);
  });

  it('onChunk turns a vendor error inside a 200 stream into a Stratum error', async () => {
    const chunk = (content: string, extra: object = {}) =>
      JSON.stringify({
        id: 'c1',
        model: 'm',
        choices: [{ index: 0, delta: { content }, finish_reason: null }],
        ...extra,
      });
    simulator.enqueue({
      kind: 'recorded',
      chunks: [
        chunk('Hel'),
        chunk('', { error_message: 'upstream overloaded', error_status: 503 }),
      ],
    });
    const provider = createOpenAICompatible({
      name: 'odd',
      baseURL: simulator.baseURL,
      apiKey: TEST_API_KEY,
      onChunk: (received, context) => {
        if (typeof received['error_message'] === 'string') {
          throw new ProviderUnavailableError(
            `${context.provider} failed mid-stream: ${received['error_message']}`,
            {
              provider: context.provider,
              model: context.model,
              status: 503,
            },
          );
        }
      },
    });
    const failure = createClient({ providers: [provider] })
      .stream(ask('odd/m'))
      .finalResponse();
    await expect(failure).rejects.toBeInstanceOf(ProviderUnavailableError);
    await expect(failure).rejects.toThrow('odd failed mid-stream: upstream overloaded');
  });

  it('mapError maps a vendor-specific failure first, and falls back to the default', async () => {
    simulator.enqueue(
      {
        kind: 'error',
        status: 400,
        vendorCode: 'quota_exhausted',
        message: 'Daily quota exhausted',
      },
      { kind: 'error', status: 400, message: 'bad request' },
    );
    const provider = createOpenAICompatible({
      name: 'quota',
      baseURL: simulator.baseURL,
      apiKey: TEST_API_KEY,
      mapError: (error, context) =>
        error instanceof Error && error.message.includes('Daily quota')
          ? new RateLimitError('quota: daily quota exhausted', {
              provider: context.provider,
              model: context.model,
            })
          : undefined,
    });
    const client = createClient({ providers: [provider] });
    await expect(client.chat(ask('quota/m'))).rejects.toBeInstanceOf(RateLimitError);
    await expect(client.chat(ask('quota/m'))).rejects.toBeInstanceOf(InvalidRequestError);
  });

  it('sends no Authorization header to an endpoint that needs no key', async () => {
    simulator.enqueue({ kind: 'reply', reply: { text: 'local' } });
    const local = createOpenAICompatible({
      name: 'local',
      baseURL: simulator.baseURL,
      apiKeyRequired: false,
    });
    const response = await createClient({ providers: [local] }).chat(ask('local/llama3.2'));
    expect(response.text).toBe('local');
    expect(simulator.requests[0]?.headers['authorization']).toBeUndefined();
  });

  it('names the vendor environment variable when the key is missing', async () => {
    vi.stubEnv('ACME_API_KEY', '');
    const acme = createOpenAICompatible({
      name: 'acme',
      baseURL: simulator.baseURL,
      apiKeyEnvironmentVariable: 'ACME_API_KEY',
    });
    const failure = createClient({ providers: [acme] }).chat(ask('acme/m'));
    await expect(failure).rejects.toBeInstanceOf(ConfigurationError);
    await expect(failure).rejects.toThrow(/ACME_API_KEY.*apiKey/);
    expect(simulator.requests).toHaveLength(0);
  });

  it('prices a custom endpoint from registerModel', async () => {
    registerModel({ id: 'my-endpoint/llama-3.3-70b', pricing: { input: 0.59, output: 0.79 } });
    simulator.enqueue({
      kind: 'reply',
      reply: { text: 'priced', usage: { inputTokens: 2_000, outputTokens: 1_000 } },
    });
    const endpoint = createOpenAICompatible({
      name: 'my-endpoint',
      baseURL: simulator.baseURL,
      apiKey: TEST_API_KEY,
    });
    const response = await createClient({ providers: [endpoint] }).chat(
      ask('my-endpoint/llama-3.3-70b'),
    );
    // The default usage mapping reads prompt_tokens/completion_tokens: 2000 × $0.59/M = $0.00118;
    // 1000 × $0.79/M = $0.00079; total $0.00197. (The simulator's usage carries a cost field,
    // but without readProviderCost it is ignored.)
    expect(response.cost).toMatchObject({
      source: 'catalog',
      input: 0.00118,
      output: 0.00079,
      total: 0.00197,
    });
  });

  it('rejects settings without a name or a baseURL', () => {
    expect(() => createOpenAICompatible({ name: '', baseURL: 'http://x' })).toThrow(
      ConfigurationError,
    );
    expect(() => createOpenAICompatible({ name: 'x', baseURL: '' })).toThrow(/needs a baseURL/);
  });
});
