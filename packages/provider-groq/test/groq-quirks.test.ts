import {
  ConfigurationError,
  createClient,
  ProviderUnavailableError,
  RateLimitError,
  registerModel,
} from '@stratum/core';
import { parseResetDuration } from '@stratum/core/provider-kit';
import { createRecordingFetch, type OpenAISimulator, startGroqSimulator } from '@stratum/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createGroq, groq, groqResetMs } from '../src/index.js';

const API_KEY = 'gsk_test_0123456789abcdefghijklmnop';
let simulator: OpenAISimulator;
let both: OpenAISimulator;
const clientFor = (target: OpenAISimulator) =>
  createClient({ providers: [createGroq({ apiKey: API_KEY, baseURL: target.baseURL })] });
const client = () => clientFor(simulator);
const ask = (model: string) => ({ model, messages: [{ role: 'user' as const, content: 'hi' }] });
const lastBody = (): Record<string, unknown> => simulator.lastRequestBody();

beforeAll(async () => {
  simulator = await startGroqSimulator();
  both = await startGroqSimulator({ streamUsage: 'both' });
  // Groq's published prices: llama-3.3-70b-versatile $0.59/M in, $0.79/M out; gpt-oss-120b
  // $0.15/M in, $0.075/M cached, $0.60/M out. Pinned so the arithmetic below stays true.
  registerModel({ id: 'groq/llama-3.3-70b-versatile', pricing: { input: 0.59, output: 0.79 } });
  registerModel({
    id: 'groq/openai/gpt-oss-120b',
    pricing: { input: 0.15, cacheRead: 0.075, output: 0.6 },
  });
});
beforeEach(() => {
  simulator.reset();
  both.reset();
});
afterEach(() => vi.unstubAllEnvs());
afterAll(async () => {
  await simulator.close();
  await both.close();
});

describe('stream usage in x_groq', () => {
  it('reads usage from x_groq.usage on the last chunk and prices it', async () => {
    simulator.enqueue({
      kind: 'reply',
      reply: { text: 'Fast.', usage: { inputTokens: 2_000, outputTokens: 500 } },
    });
    const response = await client().stream(ask('groq/llama-3.3-70b-versatile')).finalResponse();
    expect(response.usage).toEqual({
      inputTokens: 2_000,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 500,
      reasoningTokens: 0,
      totalTokens: 2_500,
    });
    // 2,000 × $0.59/M = $0.00118; 500 × $0.79/M = $0.000395; total $0.001575.
    expect(response.cost?.total).toBe(0.001575);
    expect(response.warnings).toEqual([]);
  });

  it('counts usage once when Groq sends it both in x_groq and at the top level', async () => {
    both.enqueue({
      kind: 'reply',
      reply: {
        reasoning: 'Think.',
        text: 'Done.',
        usage: {
          inputTokens: 10_000,
          cacheReadTokens: 4_000,
          outputTokens: 1_000,
          reasoningTokens: 300,
        },
      },
    });
    const response = await clientFor(both).stream(ask('groq/openai/gpt-oss-120b')).finalResponse();
    expect(response.usage).toMatchObject({
      inputTokens: 10_000,
      cacheReadTokens: 4_000,
      outputTokens: 1_000,
      reasoningTokens: 300,
    });
    // uncached 6,000 × $0.15/M = $0.0009; cached 4,000 × $0.075/M = $0.0003;
    // 1,000 × $0.60/M = $0.0006; total $0.0018.
    expect(response.cost?.total).toBe(0.0018);
    expect(response.reasoning).toBe('Think.');
  });
});

describe('rate limits', () => {
  it('takes retry-after (seconds) from a 429', async () => {
    simulator.enqueue({ kind: 'error', status: 429 });
    const error = await client()
      .chat(ask('groq/llama-3.3-70b-versatile'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(RateLimitError.is(error) && error.retryAfterMs).toBe(2_000);
    expect(RateLimitError.is(error) && error.vendorCode).toBe('rate_limit_exceeded');
  });

  it('falls back to the reset header of the exhausted limit when retry-after is missing', async () => {
    const body = JSON.stringify({
      error: {
        message:
          'Rate limit reached for model `llama-3.3-70b-versatile` on tokens per minute (TPM).',
        type: 'tokens',
        code: 'rate_limit_exceeded',
      },
    });
    simulator.enqueue({
      kind: 'raw',
      status: 429,
      headers: {
        'content-type': 'application/json',
        'x-ratelimit-remaining-requests': '14000',
        'x-ratelimit-remaining-tokens': '0',
        'x-ratelimit-reset-requests': '2m59.56s',
        'x-ratelimit-reset-tokens': '7.66s',
      },
      body,
    });
    const error = await client()
      .chat(ask('groq/llama-3.3-70b-versatile'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    // The tokens-per-minute window is the exhausted one: 7.66 s.
    expect(RateLimitError.is(error) && error.retryAfterMs).toBe(7_660);
    expect(String(error)).toContain('resets in 7660 ms');
  });

  it('reads Groq durations and picks the later reset when both limits are exhausted', () => {
    expect(parseResetDuration('2m59.56s')).toBe(179_560);
    expect(parseResetDuration('7.66s')).toBe(7_660);
    expect(parseResetDuration('250ms')).toBe(250);
    expect(parseResetDuration('1h0m0s')).toBe(3_600_000);
    expect(parseResetDuration('soon')).toBeUndefined();
    expect(parseResetDuration('')).toBeUndefined();
    const headers = {
      'x-ratelimit-remaining-requests': '0',
      'x-ratelimit-remaining-tokens': '0',
      'x-ratelimit-reset-requests': '2m59.56s',
      'x-ratelimit-reset-tokens': '7.66s',
    };
    expect(groqResetMs(headers)).toBe(179_560);
    expect(groqResetMs({ 'x-ratelimit-reset-requests': '1m' })).toBe(60_000);
    expect(groqResetMs({})).toBeUndefined();
  });

  it('retries nothing itself: one 429 is one request', async () => {
    simulator.enqueue({ kind: 'error', status: 429 });
    await client()
      .chat(ask('groq/llama-3.3-70b-versatile'))
      .catch(() => undefined);
    expect(simulator.requests).toHaveLength(1);
  });

  it('makes 498 (flex tier capacity) a retryable unavailability', async () => {
    simulator.enqueue({ kind: 'error', status: 498 });
    const error = await client()
      .chat(ask('groq/llama-3.3-70b-versatile'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(ProviderUnavailableError.is(error) && error.retryable).toBe(true);
    expect(String(error)).toContain('Flex tier capacity exceeded');
  });
});

describe('reasoning', () => {
  it('maps effort for GPT-OSS and reads the parsed reasoning field', async () => {
    simulator.enqueue({ kind: 'reply', reply: { reasoning: 'Two and two.', text: '4' } });
    const response = await client().chat({
      ...ask('groq/openai/gpt-oss-120b'),
      reasoning: { effort: 'minimal' },
    });
    expect(lastBody()['reasoning_effort']).toBe('low');
    expect(lastBody()).not.toHaveProperty('reasoning_format');
    expect(response.warnings).toContainEqual(
      expect.objectContaining({ setting: 'reasoning.effort' }),
    );
    expect(response.reasoning).toBe('Two and two.');
    expect(response.text).toBe('4');
  });

  it('asks Qwen3 for parsed reasoning and switches it off with reasoning_effort none', async () => {
    simulator.enqueue(
      { kind: 'reply', reply: { text: 'ok' } },
      { kind: 'reply', reply: { text: 'ok' } },
    );
    await client().chat(ask('groq/qwen/qwen3-32b'));
    expect(lastBody()['reasoning_format']).toBe('parsed');
    expect(lastBody()).not.toHaveProperty('reasoning_effort');
    await client().chat({ ...ask('groq/qwen/qwen3-32b'), reasoning: { enabled: false } });
    expect(lastBody()['reasoning_effort']).toBe('none');
  });

  it('warns when a model does not reason', async () => {
    simulator.enqueue({ kind: 'reply', reply: { text: 'ok' } });
    const response = await client().chat({
      ...ask('groq/llama-3.3-70b-versatile'),
      reasoning: { effort: 'high' },
    });
    expect(lastBody()).not.toHaveProperty('reasoning_effort');
    expect(response.warnings).toContainEqual(expect.objectContaining({ setting: 'reasoning' }));
  });
});

describe('request and key', () => {
  it('posts to /openai/v1/chat/completions with max_completion_tokens', async () => {
    simulator.enqueue({ kind: 'reply', reply: { text: 'ok' } });
    await client().chat({ ...ask('groq/llama-3.3-70b-versatile'), maxOutputTokens: 64 });
    expect(simulator.requests[0]?.url).toBe('/openai/v1/chat/completions');
    expect(simulator.requests[0]?.headers['authorization']).toBe(`Bearer ${API_KEY}`);
    expect(lastBody()['max_completion_tokens']).toBe(64);
  });

  it('passes providerOptions.groq through (service_tier)', async () => {
    simulator.enqueue({ kind: 'reply', reply: { text: 'ok' } });
    await client().chat({
      ...ask('groq/llama-3.3-70b-versatile'),
      providerOptions: { groq: { service_tier: 'flex' } },
    });
    expect(lastBody()['service_tier']).toBe('flex');
  });

  it('reads GROQ_API_KEY at the first call, and scrubs it from errors', async () => {
    vi.stubEnv('GROQ_API_KEY', '');
    await expect(
      createClient({ providers: [groq] }).chat(ask('groq/llama-3.3-70b-versatile')),
    ).rejects.toThrow(ConfigurationError);
    await expect(
      createClient({ providers: [groq] }).chat(ask('groq/llama-3.3-70b-versatile')),
    ).rejects.toThrow(/GROQ_API_KEY/);
    simulator.enqueue({
      kind: 'error',
      status: 429,
      message: `Rate limit reached for key ${API_KEY}`,
    });
    const error = await client()
      .chat(ask('groq/llama-3.3-70b-versatile'))
      .catch((caught: unknown) => caught);
    expect(String(error)).not.toContain(API_KEY);
    expect(String(error)).toContain('[redacted]');
  });
});

describe('default base URL', () => {
  it('posts to https://api.groq.com/openai/v1/chat/completions', async () => {
    const { fetch: recordingFetch, urls } = createRecordingFetch();
    const provider = createGroq({ apiKey: 'test-key-0123456789', fetch: recordingFetch });
    await createClient({ providers: [provider] }).chat({
      model: 'groq/llama-3.3-70b-versatile',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(urls).toEqual(['https://api.groq.com/openai/v1/chat/completions']);
  });
});
