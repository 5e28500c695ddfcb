import {
  AuthenticationError,
  ConfigurationError,
  createClient,
  PermissionDeniedError,
  registerModel,
} from '@stratum/core';
import { createRecordingFetch, type OpenAISimulator, startXaiSimulator } from '@stratum/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createXai, mapXaiUsage, xai } from '../src/index.js';

const API_KEY = 'xai-test-0123456789abcdefghijklmnop';
let simulator: OpenAISimulator;
let billing: OpenAISimulator;
const clientFor = (target: OpenAISimulator) =>
  createClient({ providers: [createXai({ apiKey: API_KEY, baseURL: target.baseURL })] });
const client = () => clientFor(simulator);
const ask = (model: string) => ({ model, messages: [{ role: 'user' as const, content: 'hi' }] });
const lastBody = (): Record<string, unknown> => simulator.lastRequestBody();

beforeAll(async () => {
  simulator = await startXaiSimulator();
  // xAI bills in ticks of 1e-10 USD; this one prices grok-3-mini the way xAI does:
  // $0.30/M uncached input, $0.075/M cached input, $0.50/M output and reasoning.
  billing = await startXaiSimulator({
    costInUsdTicks: (usage) => {
      const cached = usage.cacheReadTokens ?? 0;
      return (usage.inputTokens - cached) * 3_000 + cached * 750 + usage.outputTokens * 5_000;
    },
  });
  // xAI's published grok-3-mini price, pinned so the arithmetic below stays true.
  registerModel({ id: 'xai/grok-3-mini', pricing: { input: 0.3, cacheRead: 0.075, output: 0.5 } });
});
beforeEach(() => {
  simulator.reset();
  billing.reset();
});
afterEach(() => vi.unstubAllEnvs());
afterAll(async () => {
  await simulator.close();
  await billing.close();
});

describe('usage: reasoning tokens are outside completion_tokens', () => {
  it('adds reasoning_tokens to completion_tokens for outputTokens and prices them as output', async () => {
    simulator.enqueue({
      kind: 'reply',
      reply: {
        reasoning: 'Let me think.',
        text: 'Hello',
        usage: {
          inputTokens: 1_000,
          cacheReadTokens: 400,
          outputTokens: 300,
          reasoningTokens: 250,
        },
      },
    });
    const response = await client().chat(ask('xai/grok-3-mini'));
    // The simulator sends completion_tokens 50, reasoning_tokens 250, total_tokens 1,300.
    expect(response.usage).toEqual({
      inputTokens: 1_000,
      cacheReadTokens: 400,
      cacheWriteTokens: 0,
      outputTokens: 300,
      reasoningTokens: 250,
      totalTokens: 1_300,
    });
    // uncached 600 × $0.30/M = $0.00018; cached 400 × $0.075/M = $0.00003;
    // (50 + 250) × $0.50/M = $0.00015; total $0.00036.
    expect(response.cost).toMatchObject({ total: 0.00036, source: 'catalog' });
  });

  it('does not add them twice when completion_tokens already includes them', () => {
    expect(
      mapXaiUsage({
        prompt_tokens: 10,
        completion_tokens: 30,
        total_tokens: 40,
        completion_tokens_details: { reasoning_tokens: 20 },
      }),
    ).toMatchObject({ outputTokens: 30, reasoningTokens: 20, totalTokens: 40 });
    expect(
      mapXaiUsage({
        prompt_tokens: 10,
        completion_tokens: 10,
        total_tokens: 40,
        completion_tokens_details: { reasoning_tokens: 20 },
      }),
    ).toMatchObject({ outputTokens: 30, reasoningTokens: 20, totalTokens: 40 });
  });

  it('takes the cost xAI billed (cost_in_usd_ticks) in chat and stream', async () => {
    const usage = {
      inputTokens: 2_000,
      cacheReadTokens: 1_000,
      outputTokens: 400,
      reasoningTokens: 300,
    };
    billing.enqueue(
      { kind: 'reply', reply: { text: 'a', usage } },
      { kind: 'reply', reply: { text: 'b', usage } },
    );
    const chat = await clientFor(billing).chat(ask('xai/grok-3-mini'));
    const stream = await clientFor(billing).stream(ask('xai/grok-3-mini')).finalResponse();
    for (const response of [chat, stream]) {
      // 1,000 × 3,000 + 1,000 × 750 + 400 × 5,000 = 5,750,000 ticks = $0.000575, the same as
      // the catalog: 1,000 × $0.30/M + 1,000 × $0.075/M + 400 × $0.50/M.
      expect(response.cost).toMatchObject({ total: 0.000575, source: 'provider', output: 0.0002 });
    }
  });
});

describe('reasoning', () => {
  it('streams reasoning_content as reasoning deltas', async () => {
    simulator.enqueue({
      kind: 'reply',
      reply: { reasoning: 'First, the user said hi.', text: 'Hello!' },
    });
    const deltas: string[] = [];
    const stream = client().stream(ask('xai/grok-3-mini'));
    for await (const event of stream) if (event.type === 'reasoning-delta') deltas.push(event.text);
    expect(deltas.join('')).toBe('First, the user said hi.');
    expect((await stream.finalResponse()).text).toBe('Hello!');
  });

  it('sends two-level reasoning_effort to grok-3-mini only', async () => {
    simulator.enqueue(
      { kind: 'reply', reply: { text: 'a' } },
      { kind: 'reply', reply: { text: 'b' } },
    );
    const mini = await client().chat({
      ...ask('xai/grok-3-mini'),
      reasoning: { effort: 'medium' },
    });
    expect(lastBody()['reasoning_effort']).toBe('high');
    expect(mini.warnings).toContainEqual(expect.objectContaining({ setting: 'reasoning.effort' }));
    const four = await client().chat({ ...ask('xai/grok-4'), reasoning: { effort: 'high' } });
    expect(lastBody()).not.toHaveProperty('reasoning_effort');
    expect(four.warnings).toContainEqual(
      expect.objectContaining({
        setting: 'reasoning.effort',
        message: expect.stringContaining('grok-4'),
      }),
    );
  });

  it('keeps stop sequences from reasoning models, with a warning', async () => {
    simulator.enqueue(
      { kind: 'reply', reply: { text: 'a' } },
      { kind: 'reply', reply: { text: 'b' } },
    );
    const reasoning = await client().chat({ ...ask('xai/grok-4'), stop: ['END'] });
    expect(lastBody()).not.toHaveProperty('stop');
    expect(reasoning.warnings).toContainEqual(expect.objectContaining({ setting: 'stop' }));
    await client().chat({ ...ask('xai/grok-4-fast-non-reasoning'), stop: ['END'] });
    expect(lastBody()['stop']).toEqual(['END']);
  });
});

describe('errors', () => {
  it("reads xAI's {code, error} body and treats a 400 for a wrong key as an authentication error", async () => {
    simulator.enqueue({
      kind: 'error',
      status: 400,
      message:
        'Incorrect API key provided: xa***op. You can obtain an API key from https://console.x.ai.',
    });
    const error = await client()
      .chat(ask('xai/grok-3-mini'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(String(error)).toContain('Incorrect API key provided: xa***op');
    expect(String(error)).not.toContain('"Incorrect');
    expect(AuthenticationError.is(error) && error.status).toBe(400);
  });

  it('keeps the message of other errors, without the JSON quotes the SDK adds', async () => {
    simulator.enqueue({ kind: 'error', status: 403 });
    const error = await client()
      .chat(ask('xai/grok-3-mini'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(String(error)).toContain(
      'xai (grok-3-mini) said: Your team does not have permission to access this model or it has run out of credits.',
    );
  });

  it('scrubs the key if xAI echoes it, and reads XAI_API_KEY lazily', async () => {
    simulator.enqueue({
      kind: 'error',
      status: 400,
      message: `Incorrect API key provided: ${API_KEY}`,
    });
    const error = await client()
      .chat(ask('xai/grok-3-mini'))
      .catch((caught: unknown) => caught);
    expect(String(error)).not.toContain(API_KEY);
    vi.stubEnv('XAI_API_KEY', '');
    await expect(createClient({ providers: [xai] }).chat(ask('xai/grok-3-mini'))).rejects.toThrow(
      ConfigurationError,
    );
  });

  it('posts to /v1/chat/completions with a bearer key and max_completion_tokens', async () => {
    simulator.enqueue({ kind: 'reply', reply: { text: 'ok' } });
    await client().chat({ ...ask('xai/grok-4'), maxOutputTokens: 100 });
    expect(simulator.requests[0]?.url).toBe('/v1/chat/completions');
    expect(simulator.requests[0]?.headers['authorization']).toBe(`Bearer ${API_KEY}`);
    expect(lastBody()['max_completion_tokens']).toBe(100);
  });
});

describe('default base URL', () => {
  it('posts to https://api.x.ai/v1/chat/completions', async () => {
    const { fetch: recordingFetch, urls } = createRecordingFetch();
    const provider = createXai({ apiKey: 'test-key-0123456789', fetch: recordingFetch });
    await createClient({ providers: [provider] }).chat({
      model: 'xai/grok-4',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(urls).toEqual(['https://api.x.ai/v1/chat/completions']);
  });
});
