import {
  ConfigurationError,
  ContentFilterError,
  createClient,
  ProviderUnavailableError,
  RateLimitError,
  registerModel,
  StratumError,
} from '@stratum/core';
import {
  createRecordingFetch,
  type OpenAISimulator,
  startOpenRouterSimulator,
} from '@stratum/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createOpenRouter, openrouter } from '../src/index.js';

const API_KEY = 'sk-or-v1-test-0123456789abcdef0123';
let simulator: OpenAISimulator;
let accounting: OpenAISimulator;
const clientFor = (target: OpenAISimulator, settings = {}) =>
  createClient({
    providers: [createOpenRouter({ apiKey: API_KEY, baseURL: target.baseURL, ...settings })],
  });
const client = () => clientFor(simulator);
const ask = (model: string) => ({ model, messages: [{ role: 'user' as const, content: 'hi' }] });
const lastBody = (target = simulator): Record<string, unknown> => {
  const body = target.requests.at(-1)?.body;
  if (typeof body !== 'object' || body === null) throw new Error('no request body');
  return { ...body };
};
const chunk = (fields: Record<string, unknown>) =>
  JSON.stringify({
    id: 'gen-1759000000-abc',
    object: 'chat.completion.chunk',
    created: 1_759_000_000,
    model: 'anthropic/claude-sonnet-4.5',
    provider: 'Anthropic',
    ...fields,
  });

beforeAll(async () => {
  simulator = await startOpenRouterSimulator();
  // OpenRouter's price for openai/gpt-4.1-mini, pinned: $0.40/M input, $0.10/M cached, $1.60/M
  // output. This simulator charges 10% more than that, to be told apart from the catalog.
  registerModel({
    id: 'openrouter/openai/gpt-4.1-mini',
    pricing: { input: 0.4, cacheRead: 0.1, output: 1.6 },
  });
  accounting = await startOpenRouterSimulator({
    cost: (usage) => {
      const cached = usage.cacheReadTokens ?? 0;
      const dollars =
        ((usage.inputTokens - cached) * 0.4 + cached * 0.1 + usage.outputTokens * 1.6) / 1e6;
      return usage.outputTokens === 1_001 ? Math.round(dollars * 1.1 * 1e12) / 1e12 : dollars;
    },
  });
});
beforeEach(() => {
  simulator.reset();
  accounting.reset();
});
afterEach(() => vi.unstubAllEnvs());
afterAll(async () => {
  await simulator.close();
  await accounting.close();
});

describe('requests', () => {
  it('sends the vendor/model slug, app attribution headers and asks for usage accounting', async () => {
    simulator.enqueue({ kind: 'reply', reply: { text: 'ok' } });
    await clientFor(simulator, { appUrl: 'https://acme.example', appName: 'Acme Notes' }).chat(
      ask('openrouter/meta-llama/llama-3.3-70b-instruct'),
    );
    const request = simulator.requests[0];
    expect(request?.url).toBe('/api/v1/chat/completions');
    expect(request?.headers['http-referer']).toBe('https://acme.example');
    expect(request?.headers['x-title']).toBe('Acme Notes');
    expect(request?.headers['authorization']).toBe(`Bearer ${API_KEY}`);
    expect(lastBody()).toMatchObject({
      model: 'meta-llama/llama-3.3-70b-instruct',
      usage: { include: true },
    });
  });

  it('passes provider routing preferences through providerOptions.openrouter', async () => {
    simulator.enqueue({ kind: 'reply', reply: { text: 'ok' } });
    const provider = {
      order: ['anthropic', 'amazon-bedrock'],
      allow_fallbacks: false,
      data_collection: 'deny',
      sort: 'price',
    };
    await client().chat({
      ...ask('openrouter/anthropic/claude-sonnet-4.5'),
      providerOptions: { openrouter: { provider, models: ['anthropic/claude-haiku-4.5'] } },
    });
    expect(lastBody()['provider']).toEqual(provider);
    expect(lastBody()['models']).toEqual(['anthropic/claude-haiku-4.5']);
  });

  it("maps reasoning settings to OpenRouter's reasoning object", async () => {
    simulator.enqueue({ kind: 'reply', reply: { reasoning: 'Hmm.', text: 'ok' } });
    const response = await client().chat({
      ...ask('openrouter/anthropic/claude-sonnet-4.5'),
      reasoning: { budgetTokens: 2_000 },
    });
    expect(lastBody()['reasoning']).toEqual({ max_tokens: 2_000 });
    expect(lastBody()).not.toHaveProperty('reasoning_effort');
    expect(response.warnings).toEqual([]);
    expect(response.reasoning).toBe('Hmm.');
  });
});

describe('cost', () => {
  const usage = { inputTokens: 10_000, cacheReadTokens: 6_000, outputTokens: 1_000 };

  it("uses the cost OpenRouter reports, next to the catalog's breakdown", async () => {
    accounting.enqueue({ kind: 'reply', reply: { text: 'ok', usage } });
    const response = await clientFor(accounting).chat(ask('openrouter/openai/gpt-4.1-mini'));
    // Reported: 4,000 × $0.40/M + 6,000 × $0.10/M + 1,000 × $1.60/M
    // = $0.0016 + $0.0006 + $0.0016 = $0.0038, the same as the catalog: no warning.
    expect(response.cost).toMatchObject({
      source: 'provider',
      total: 0.0038,
      input: 0.0016,
      cacheRead: 0.0006,
      output: 0.0016,
    });
    expect(response.warnings).toEqual([]);
  });

  it('warns in chat and stream when the reported cost is more than 5% off the catalog', async () => {
    const off = { ...usage, outputTokens: 1_001 };
    accounting.enqueue(
      { kind: 'reply', reply: { text: 'a', usage: off } },
      { kind: 'reply', reply: { text: 'b', usage: off } },
    );
    const chat = await clientFor(accounting).chat(ask('openrouter/openai/gpt-4.1-mini'));
    const stream = await clientFor(accounting)
      .stream(ask('openrouter/openai/gpt-4.1-mini'))
      .finalResponse();
    for (const response of [chat, stream]) {
      // Catalog: $0.0016 + $0.0006 + 1,001 × $1.60/M ($0.0016016) = $0.0038016;
      // reported 10% more: $0.00418176.
      expect(response.cost).toMatchObject({ source: 'provider', total: 0.00418176 });
      expect(response.warnings).toEqual([
        expect.objectContaining({ message: expect.stringContaining('$0.00418176') }),
      ]);
      expect(response.warnings[0]?.message).toContain('$0.0038016');
    }
  });

  it('stays quiet within a custom threshold', async () => {
    accounting.enqueue({
      kind: 'reply',
      reply: { text: 'ok', usage: { ...usage, outputTokens: 1_001 } },
    });
    const response = await clientFor(accounting, { costWarningThreshold: 0.2 }).chat(
      ask('openrouter/openai/gpt-4.1-mini'),
    );
    expect(response.warnings).toEqual([]);
  });

  it('adds the upstream bill to the fee for BYOK calls', async () => {
    simulator.enqueue({
      kind: 'raw',
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'gen-byok',
        model: 'openai/gpt-4.1-mini',
        provider: 'OpenAI',
        choices: [
          { index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' },
        ],
        usage: {
          prompt_tokens: 1_000,
          completion_tokens: 100,
          total_tokens: 1_100,
          cost: 0.000028,
          is_byok: true,
          cost_details: { upstream_inference_cost: 0.00056 },
        },
      }),
    });
    const response = await client().chat(ask('openrouter/openai/gpt-4.1-mini'));
    // Upstream: 1,000 × $0.40/M + 100 × $1.60/M = $0.00056; OpenRouter's 5% fee $0.000028.
    expect(response.cost?.total).toBe(0.000588);
  });

  it('prices a model the catalog lacks from the reported cost alone', async () => {
    accounting.enqueue({ kind: 'reply', reply: { text: 'ok', usage } });
    const response = await clientFor(accounting).chat(ask('openrouter/acme/unknown-model-7b'));
    expect(response.cost).toMatchObject({ source: 'provider', total: 0.0038, input: 0 });
    expect(response.warnings).toEqual([]);
  });
});

describe('errors', () => {
  it('turns an error chunk inside a 200 stream into the error its numeric code stands for', async () => {
    const upstreamFailure = chunk({
      error: {
        code: 502,
        message: 'Provider returned error',
        metadata: { provider_name: 'Anthropic', raw: 'overloaded_error' },
      },
      choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }],
    });
    simulator.enqueue({
      kind: 'recorded',
      chunks: [
        chunk({ choices: [{ index: 0, delta: { content: 'Hel' }, finish_reason: null }] }),
        upstreamFailure,
      ],
    });
    const error = await client()
      .stream(ask('openrouter/anthropic/claude-sonnet-4.5'))
      .finalResponse()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(StratumError.is(error) && error.status).toBe(502);
    expect(StratumError.is(error) && error.retryable).toBe(true);
    expect(String(error)).toContain('upstream provider Anthropic; raw: overloaded_error');
  });

  it('maps a rate-limit error chunk and a string code too', async () => {
    simulator.enqueue(
      {
        kind: 'recorded',
        chunks: [chunk({ error: { code: 429, message: 'Rate limit exceeded upstream' } })],
      },
      {
        kind: 'recorded',
        chunks: [chunk({ error: { code: 'server_error', message: 'Provider disconnected' } })],
      },
    );
    const limited = await client()
      .stream(ask('openrouter/openai/gpt-4.1-mini'))
      .finalResponse()
      .catch((caught: unknown) => caught);
    expect(limited).toBeInstanceOf(RateLimitError);
    const disconnected = await client()
      .stream(ask('openrouter/openai/gpt-4.1-mini'))
      .finalResponse()
      .catch((caught: unknown) => caught);
    expect(disconnected).toBeInstanceOf(ProviderUnavailableError);
  });

  it('throws an error object sent in a 200 body instead of a completion', async () => {
    simulator.enqueue({
      kind: 'raw',
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        error: {
          code: 502,
          message: 'Upstream timed out',
          metadata: { provider_name: 'Together' },
        },
      }),
    });
    const error = await client()
      .chat(ask('openrouter/openai/gpt-4.1-mini'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(String(error)).toContain('Upstream timed out (upstream provider Together)');
  });

  it('makes a moderation 403 a content-filter error', async () => {
    simulator.enqueue({
      kind: 'raw',
      status: 403,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        error: {
          code: 403,
          message:
            'openai/gpt-4.1-mini requires moderation on OpenAI. Your input was flagged for "harassment".',
          metadata: {
            reasons: ['harassment'],
            flagged_input: 'you are…',
            provider_name: 'OpenAI',
            model_slug: 'openai/gpt-4.1-mini',
          },
        },
      }),
    });
    const error = await client()
      .chat(ask('openrouter/openai/gpt-4.1-mini'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ContentFilterError);
    expect(String(error)).toContain('moderation flagged the input (harassment)');
  });

  it('treats 402 as out of credit, not retryable', async () => {
    simulator.enqueue({ kind: 'error', status: 402 });
    const error = await client()
      .chat(ask('openrouter/openai/gpt-4.1-mini'))
      .catch((caught: unknown) => caught);
    expect(StratumError.is(error) && error.retryable).toBe(false);
    expect(String(error)).toContain('Insufficient credits');
  });

  it('reads OPENROUTER_API_KEY at the first call', async () => {
    vi.stubEnv('OPENROUTER_API_KEY', '');
    await expect(
      createClient({ providers: [openrouter] }).chat(ask('openrouter/openai/gpt-4.1-mini')),
    ).rejects.toThrow(ConfigurationError);
    await expect(
      createClient({ providers: [openrouter] }).chat(ask('openrouter/openai/gpt-4.1-mini')),
    ).rejects.toThrow(/OPENROUTER_API_KEY/);
  });
});

describe('default base URL', () => {
  it('posts to https://openrouter.ai/api/v1/chat/completions', async () => {
    const { fetch: recordingFetch, urls } = createRecordingFetch();
    const provider = createOpenRouter({ apiKey: 'test-key-0123456789', fetch: recordingFetch });
    await createClient({ providers: [provider] }).chat({
      model: 'openrouter/openai/gpt-4.1-mini',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(urls).toEqual(['https://openrouter.ai/api/v1/chat/completions']);
  });
});
