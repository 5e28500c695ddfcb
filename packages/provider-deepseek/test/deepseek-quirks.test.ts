import {
  ConfigurationError,
  createClient,
  InvalidRequestError,
  type Message,
  registerModel,
  StratumError,
  type StreamEvent,
} from '@stratum/core';
import { createOpenAICompatible } from '@stratum/provider-openai';
import { type OpenAISimulator, startDeepSeekSimulator } from '@stratum/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDeepSeek, deepseek } from '../src/index.js';

const API_KEY = 'sk-deepseek-test-0123456789abcdef';
let simulator: OpenAISimulator;
const client = () =>
  createClient({ providers: [createDeepSeek({ apiKey: API_KEY, baseURL: simulator.origin })] });
const lastBody = (): Record<string, unknown> => simulator.lastRequestBody();
const messagesSent = (): Array<Record<string, unknown>> => {
  const messages = lastBody()['messages'];
  return Array.isArray(messages) ? messages : [];
};

beforeAll(async () => {
  simulator = await startDeepSeekSimulator();
  // DeepSeek's published price for deepseek-chat and deepseek-reasoner (V3.2): cache miss
  // $0.28/M, cache hit $0.028/M, output $0.42/M. Pinned so the arithmetic below stays true.
  registerModel({
    id: 'deepseek/deepseek-reasoner',
    pricing: { input: 0.28, cacheRead: 0.028, output: 0.42 },
    capabilities: { reasoning: true, tools: true, jsonOutput: true },
  });
});
beforeEach(() => simulator.reset());
afterEach(() => vi.unstubAllEnvs());
afterAll(() => simulator.close());

describe('reasoning_content', () => {
  it('streams reasoning_content as reasoning deltas, then the answer', async () => {
    simulator.enqueue({
      kind: 'reply',
      reply: { reasoning: 'Nine point eight is larger.', text: '9.8 is greater.' },
    });
    const events: StreamEvent[] = [];
    const stream = client().stream({
      model: 'deepseek/deepseek-reasoner',
      messages: [{ role: 'user', content: '9.11 or 9.8?' }],
    });
    for await (const event of stream) events.push(event);
    const kinds = events.flatMap((event) =>
      event.type === 'reasoning-delta' || event.type === 'text-delta' ? [event.type] : [],
    );
    expect(kinds.indexOf('text-delta')).toBeGreaterThan(kinds.lastIndexOf('reasoning-delta'));
    const response = await stream.finalResponse();
    expect(response.reasoning).toBe('Nine point eight is larger.');
    expect(response.text).toBe('9.8 is greater.');
  });

  const history: Message[] = [
    { role: 'user', content: 'Which is larger, 9.11 or 9.8?' },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'Compare decimals: 9.80 > 9.11.' },
        { type: 'text', text: '9.8' },
      ],
    },
    { role: 'user', content: 'Weather in Hangzhou?' },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'I need the weather tool.' },
        {
          type: 'tool-call',
          id: 'call_00_hz',
          name: 'get_weather',
          arguments: { city: 'Hangzhou' },
        },
      ],
    },
    { role: 'tool', toolCallId: 'call_00_hz', content: 'Cloudy, 7~13°C' },
  ];

  it('leaves out earlier reasoning of turns without tool calls, and sends back the reasoning of tool-calling turns', async () => {
    simulator.enqueue({ kind: 'reply', reply: { text: 'Cloudy in Hangzhou, 7 to 13°C.' } });
    const response = await client().chat({
      model: 'deepseek/deepseek-reasoner',
      messages: history,
    });
    expect(response.text).toBe('Cloudy in Hangzhou, 7 to 13°C.');
    const sent = messagesSent();
    // The first turn had no tool call: its reasoning is not sent back.
    expect(sent[1]).toEqual({ role: 'assistant', content: '9.8' });
    // The second turn called a tool: DeepSeek requires its reasoning_content in every later request.
    expect(sent[3]).toMatchObject({
      role: 'assistant',
      reasoning_content: 'I need the weather tool.',
      tool_calls: [{ id: 'call_00_hz', function: { name: 'get_weather' } }],
    });
    expect(sent.filter((message) => 'reasoning_content' in message)).toHaveLength(1);
  });

  it('keeps sending a tool-calling turn reasoning after the next user message, with an empty one when none was recorded', async () => {
    simulator.enqueue({ kind: 'reply', reply: { text: 'You are welcome.' } });
    const withoutReasoning: Message[] = [
      ...history.slice(0, 3),
      {
        role: 'assistant',
        content: [{ type: 'tool-call', id: 'call_01', name: 'get_weather', arguments: {} }],
      },
      { role: 'tool', toolCallId: 'call_01', content: 'Sunny' },
      { role: 'assistant', content: 'Sunny.' },
      { role: 'user', content: 'Thanks' },
    ];
    await client().chat({ model: 'deepseek/deepseek-reasoner', messages: withoutReasoning });
    const sent = messagesSent();
    expect(sent[3]).toMatchObject({ role: 'assistant', reasoning_content: '' });
    expect(sent[5]).toMatchObject({ role: 'assistant', content: 'Sunny.', reasoning_content: '' });
    expect(sent[1]).not.toHaveProperty('reasoning_content');
  });

  it('is what the API needs: a plain OpenAI-compatible client is refused with a 400', async () => {
    const plain = createOpenAICompatible({
      name: 'deepseek',
      baseURL: simulator.origin,
      apiKey: API_KEY,
    });
    const error = await createClient({ providers: [plain] })
      .chat({ model: 'deepseek/deepseek-reasoner', messages: history })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(String(error)).toContain('reasoning_content');
  });
});

describe('usage and cost', () => {
  it('maps prompt_cache_hit_tokens to cache reads and prices them at the cache-hit price', async () => {
    simulator.enqueue({
      kind: 'reply',
      reply: {
        reasoning: 'Summing.',
        text: 'Done.',
        usage: {
          inputTokens: 10_000,
          cacheReadTokens: 8_000,
          outputTokens: 1_000,
          reasoningTokens: 600,
        },
      },
    });
    const response = await client().chat({
      model: 'deepseek/deepseek-reasoner',
      messages: [{ role: 'user', content: 'Sum it up' }],
    });
    expect(response.usage).toEqual({
      inputTokens: 10_000, // prompt_tokens = hit 8,000 + miss 2,000
      cacheReadTokens: 8_000,
      cacheWriteTokens: 0,
      outputTokens: 1_000, // completion_tokens, reasoning included
      reasoningTokens: 600,
      totalTokens: 11_000,
    });
    // miss 2,000 × $0.28/M = $0.00056; hit 8,000 × $0.028/M = $0.000224;
    // output 1,000 × $0.42/M = $0.00042; total $0.001204.
    expect(response.cost).toMatchObject({
      input: 0.00056,
      cacheRead: 0.000224,
      output: 0.00042,
      total: 0.001204,
      source: 'catalog',
    });
  });

  it('reads the same usage from the last chunk of a stream', async () => {
    simulator.enqueue({
      kind: 'reply',
      reply: {
        text: 'ok',
        usage: { inputTokens: 3_000, cacheReadTokens: 1_000, outputTokens: 500 },
      },
    });
    const response = await client()
      .stream({ model: 'deepseek/deepseek-reasoner', messages: [{ role: 'user', content: 'hi' }] })
      .finalResponse();
    expect(response.usage).toMatchObject({
      inputTokens: 3_000,
      cacheReadTokens: 1_000,
      outputTokens: 500,
    });
    // miss 2,000 × $0.28/M = $0.00056; hit 1,000 × $0.028/M = $0.000028; 500 × $0.42/M = $0.00021.
    expect(response.cost?.total).toBe(0.000798);
  });
});

describe('request mapping', () => {
  it('turns reasoning settings into thinking and reasoning_effort', async () => {
    simulator.enqueue(
      { kind: 'reply', reply: { text: 'a' } },
      { kind: 'reply', reply: { text: 'b' } },
    );
    const first = await client().chat({
      model: 'deepseek/deepseek-chat',
      messages: [{ role: 'user', content: 'hi' }],
      reasoning: { enabled: true, effort: 'low' },
    });
    expect(lastBody()).toMatchObject({ thinking: { type: 'enabled' }, reasoning_effort: 'high' });
    expect(first.warnings).toContainEqual(expect.objectContaining({ setting: 'reasoning.effort' }));
    await client().chat({
      model: 'deepseek/deepseek-chat',
      messages: [{ role: 'user', content: 'hi' }],
      reasoning: { enabled: false },
      temperature: 0.2,
    });
    expect(lastBody()).toMatchObject({ thinking: { type: 'disabled' }, temperature: 0.2 });
    expect(lastBody()).not.toHaveProperty('reasoning_effort');
  });

  it('does not send temperature in thinking mode, and says so', async () => {
    simulator.enqueue({ kind: 'reply', reply: { text: 'ok' } });
    const response = await client().chat({
      model: 'deepseek/deepseek-reasoner',
      messages: [{ role: 'user', content: 'hi' }],
      temperature: 0.7,
      topP: 0.9,
    });
    expect(lastBody()).not.toHaveProperty('temperature');
    expect(lastBody()).not.toHaveProperty('top_p');
    expect(response.warnings.map((warning) => warning.setting)).toEqual(['temperature', 'topP']);
  });

  it('asks for JSON mode with the schema in a system message', async () => {
    simulator.enqueue({ kind: 'reply', reply: { text: '{"city":"Paris"}' } });
    const response = await client().chat({
      model: 'deepseek/deepseek-chat',
      messages: [{ role: 'user', content: 'Where is the Louvre?' }],
      responseFormat: {
        type: 'json-schema',
        schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
    });
    expect(lastBody()['response_format']).toEqual({ type: 'json_object' });
    expect(messagesSent()[0]).toEqual({
      role: 'system',
      content:
        'Answer with a JSON object that conforms to this JSON schema: {"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}',
    });
    expect(response.warnings).toContainEqual(
      expect.objectContaining({ setting: 'responseFormat' }),
    );
    expect(JSON.parse(response.text)).toEqual({ city: 'Paris' });
  });

  it('posts to /chat/completions at the root of the base URL with a bearer key', async () => {
    simulator.enqueue({ kind: 'reply', reply: { text: 'ok' } });
    await client().chat({
      model: 'deepseek/deepseek-chat',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(simulator.requests[0]?.url).toBe('/chat/completions');
    expect(simulator.requests[0]?.headers['authorization']).toBe(`Bearer ${API_KEY}`);
  });

  it('defaults to https://api.deepseek.com', async () => {
    const urls: string[] = [];
    const recordingFetch: typeof fetch = async (input) => {
      urls.push(input instanceof Request ? input.url : String(input));
      return new Response(
        JSON.stringify({
          id: 'x',
          model: 'deepseek-chat',
          choices: [
            { index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' },
          ],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
        { headers: { 'content-type': 'application/json' } },
      );
    };
    await createClient({
      providers: [createDeepSeek({ apiKey: API_KEY, fetch: recordingFetch })],
    }).chat({
      model: 'deepseek/deepseek-chat',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(urls).toEqual(['https://api.deepseek.com/chat/completions']);
  });
});

describe('errors and keys', () => {
  it('reads DEEPSEEK_API_KEY at the first call, not at import', async () => {
    vi.stubEnv('DEEPSEEK_API_KEY', '');
    const failure = createClient({ providers: [deepseek] }).chat({
      model: 'deepseek/deepseek-chat',
      messages: [{ role: 'user', content: 'hi' }],
    });
    await expect(failure).rejects.toBeInstanceOf(ConfigurationError);
    await expect(failure).rejects.toThrow(/DEEPSEEK_API_KEY.*apiKey/);
  });

  it('maps 402 Insufficient Balance to a billing error that retrying will not fix', async () => {
    simulator.enqueue({ kind: 'error', status: 402 });
    const error = await client()
      .chat({ model: 'deepseek/deepseek-chat', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(StratumError.is(error)).toBe(true);
    if (!StratumError.is(error)) return;
    expect(error.status).toBe(402);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('Insufficient Balance');
    expect(error.message).toContain('credit');
  });
});
