import {
  ConfigurationError,
  createClient,
  InvalidRequestError,
  type Message,
  registerModel,
} from '@stratum/core';
import { createOpenAICompatible } from '@stratum/provider-openai';
import {
  createRecordingFetch,
  type OpenAISimulator,
  startMistralSimulator,
} from '@stratum/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMistral, MistralToolCallIds, mistral } from '../src/index.js';

const API_KEY = 'mistral-test-key-0123456789abcdef';
let simulator: OpenAISimulator;
const clientWith = (settings = {}) =>
  createClient({
    providers: [createMistral({ apiKey: API_KEY, baseURL: simulator.baseURL, ...settings })],
  });
const client = () => clientWith();
const ask = (model: string) => ({ model, messages: [{ role: 'user' as const, content: 'hi' }] });
const lastBody = (): Record<string, unknown> => simulator.lastRequestBody();
const messagesSent = (): Array<Record<string, unknown>> => {
  const messages = lastBody()['messages'];
  return Array.isArray(messages) ? messages : [];
};
const WEATHER = {
  name: 'get_weather',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const TIME = { name: 'get_time', parameters: { type: 'object', properties: {} } };

beforeAll(async () => {
  simulator = await startMistralSimulator();
  // Mistral's published price for Mistral Small 3.2: $0.10/M input, $0.30/M output; pinned.
  registerModel({ id: 'mistral/mistral-small-latest', pricing: { input: 0.1, output: 0.3 } });
});
beforeEach(() => simulator.reset());
afterEach(() => vi.unstubAllEnvs());
afterAll(() => simulator.close());

describe('tool-call ids', () => {
  const conversation: Message[] = [
    { role: 'user', content: 'Weather in Paris, and the time?' },
    {
      role: 'assistant',
      content: [
        {
          type: 'tool-call',
          id: 'call_abc123def456ghi789',
          name: 'get_weather',
          arguments: { city: 'Paris' },
        },
        { type: 'tool-call', id: 'gSIMJiOkT', name: 'get_time', arguments: {} },
      ],
    },
    { role: 'tool', toolCallId: 'call_abc123def456ghi789', content: '18°C' },
    { role: 'tool', toolCallId: 'gSIMJiOkT', content: '14:05' },
  ];

  it('maps foreign ids to nine alphanumerics, the same in the call and its result, every time', async () => {
    simulator.enqueue(
      { kind: 'reply', reply: { text: 'a' } },
      { kind: 'reply', reply: { text: 'b' } },
    );
    await client().chat({
      model: 'mistral/mistral-small-latest',
      tools: [WEATHER, TIME],
      messages: conversation,
    });
    const first = messagesSent();
    const calls = first[1]?.['tool_calls'];
    const ids = Array.isArray(calls) ? calls.map((call) => call.id) : [];
    expect(ids[0]).toMatch(/^[a-zA-Z0-9]{9}$/);
    expect(ids[1]).toBe('gSIMJiOkT');
    expect(first[2]).toMatchObject({ role: 'tool', tool_call_id: ids[0], name: 'get_weather' });
    expect(first[3]).toMatchObject({ role: 'tool', tool_call_id: 'gSIMJiOkT', name: 'get_time' });
    await client().chat({
      model: 'mistral/mistral-small-latest',
      tools: [WEATHER, TIME],
      messages: conversation,
    });
    expect(messagesSent()[2]?.['tool_call_id']).toBe(ids[0]);
  });

  it('is what Mistral needs: unmapped ids are refused with a 400', async () => {
    const plain = createOpenAICompatible({
      name: 'mistral',
      baseURL: simulator.baseURL,
      apiKey: API_KEY,
    });
    const error = await createClient({ providers: [plain] })
      .chat({
        model: 'mistral/mistral-small-latest',
        tools: [WEATHER, TIME],
        messages: conversation,
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(String(error)).toContain(
      'Tool call id was call_abc123def456ghi789 but must be a-z, A-Z, 0-9, with a length of 9',
    );
  });

  it('keeps distinct ids distinct', () => {
    const ids = new MistralToolCallIds();
    const mapped = new Set(Array.from({ length: 500 }, (_, index) => ids.map(`call_${index}`)));
    expect(mapped.size).toBe(500);
    expect(ids.map('call_7')).toBe(new MistralToolCallIds().map('call_7'));
  });

  it('reads whole tool calls from stream deltas, with or without an index', async () => {
    simulator.enqueue({
      kind: 'reply',
      reply: {
        toolCalls: [
          { id: 'aaaaaaaa1', name: 'get_weather', arguments: { city: 'Paris' } },
          { id: 'bbbbbbbb2', name: 'get_weather', arguments: { city: 'Oslo' } },
        ],
      },
    });
    const streamed = await client()
      .stream({ ...ask('mistral/mistral-small-latest'), tools: [WEATHER] })
      .finalResponse();
    expect(streamed.toolCalls.map((call) => [call.id, call.arguments])).toEqual([
      ['aaaaaaaa1', { city: 'Paris' }],
      ['bbbbbbbb2', { city: 'Oslo' }],
    ]);
    const chunk = (delta: object, finish: string | null = null) =>
      JSON.stringify({
        id: 'x',
        object: 'chat.completion.chunk',
        model: 'mistral-small-latest',
        choices: [{ index: 0, delta, finish_reason: finish }],
      });
    simulator.enqueue({
      kind: 'recorded',
      chunks: [
        chunk({ role: 'assistant', content: '' }),
        chunk({
          tool_calls: [
            {
              id: 'ccccccccc',
              index: 0,
              function: { name: 'get_weather', arguments: '{"city":"Rome"}' },
            },
          ],
        }),
        chunk({
          tool_calls: [
            { id: 'ddddddddd', index: 0, function: { name: 'get_time', arguments: '{}' } },
          ],
        }),
        chunk({ content: '' }, 'tool_calls'),
      ],
    });
    const repeatedIndex = await client()
      .stream({ ...ask('mistral/mistral-small-latest'), tools: [WEATHER, TIME] })
      .finalResponse();
    expect(repeatedIndex.toolCalls.map((call) => [call.name, call.arguments])).toEqual([
      ['get_weather', { city: 'Rome' }],
      ['get_time', {}],
    ]);
  });
});

describe("Mistral's request fields", () => {
  it('sends random_seed, max_tokens and no stream_options', async () => {
    simulator.enqueue({
      kind: 'reply',
      reply: { text: 'ok', usage: { inputTokens: 30, outputTokens: 10 } },
    });
    const response = await client()
      .stream({ ...ask('mistral/mistral-small-latest'), seed: 42, maxOutputTokens: 100 })
      .finalResponse();
    expect(lastBody()).toMatchObject({ random_seed: 42, max_tokens: 100, stream: true });
    expect(lastBody()).not.toHaveProperty('seed');
    expect(lastBody()).not.toHaveProperty('stream_options');
    // Usage still arrives, on the last chunk: 30 × $0.10/M + 10 × $0.30/M = $0.000006.
    expect(response.usage).toMatchObject({ inputTokens: 30, outputTokens: 10 });
    expect(response.cost?.total).toBe(0.000006);
  });

  it("says 'any' for a required tool, and narrows the tools for a named one", async () => {
    simulator.enqueue(
      { kind: 'reply', reply: { text: 'a' } },
      { kind: 'reply', reply: { text: 'b' } },
    );
    await client().chat({
      ...ask('mistral/mistral-small-latest'),
      tools: [WEATHER, TIME],
      toolChoice: 'required',
    });
    expect(lastBody()['tool_choice']).toBe('any');
    await client().chat({
      ...ask('mistral/mistral-small-latest'),
      tools: [WEATHER, TIME],
      toolChoice: { type: 'tool', name: 'get_time' },
    });
    expect(lastBody()['tool_choice']).toBe('any');
    expect(lastBody()['tools']).toEqual([
      { type: 'function', function: { name: 'get_time', parameters: TIME.parameters } },
    ]);
  });

  it('sends safe_prompt from the settings, and lets a request override it', async () => {
    simulator.enqueue(
      { kind: 'reply', reply: { text: 'a' } },
      { kind: 'reply', reply: { text: 'b' } },
    );
    await clientWith({ safePrompt: true }).chat(ask('mistral/mistral-small-latest'));
    expect(lastBody()['safe_prompt']).toBe(true);
    await clientWith({ safePrompt: true }).chat({
      ...ask('mistral/mistral-small-latest'),
      providerOptions: { mistral: { safe_prompt: false } },
    });
    expect(lastBody()['safe_prompt']).toBe(false);
  });

  it('marks a trailing assistant message as a prefix to continue', async () => {
    simulator.enqueue({ kind: 'reply', reply: { text: ' and blue.' } });
    const response = await client().chat({
      model: 'mistral/mistral-small-latest',
      messages: [
        { role: 'user', content: 'Colours of the French flag?' },
        { role: 'assistant', content: 'Red, white' },
      ],
    });
    expect(response.text).toBe(' and blue.');
    expect(messagesSent()[1]).toEqual({ role: 'assistant', content: 'Red, white', prefix: true });
  });

  it('maps reasoning to reasoning_effort where the model takes it', async () => {
    simulator.enqueue(
      { kind: 'reply', reply: { text: 'a' } },
      { kind: 'reply', reply: { text: 'b' } },
    );
    await client().chat({ ...ask('mistral/mistral-small-latest'), reasoning: { enabled: false } });
    expect(lastBody()['reasoning_effort']).toBe('none');
    const magistral = await client().chat({
      ...ask('mistral/magistral-medium-latest'),
      reasoning: { effort: 'low' },
    });
    expect(lastBody()).not.toHaveProperty('reasoning_effort');
    expect(magistral.warnings).toContainEqual(
      expect.objectContaining({ setting: 'reasoning.effort' }),
    );
  });
});

describe('thinking content', () => {
  it('reads thinking parts as reasoning, in chat and stream', async () => {
    const reply = { reasoning: 'Seventeen times twenty-three.', text: '391' };
    simulator.enqueue({ kind: 'reply', reply }, { kind: 'reply', reply });
    const chat = await client().chat(ask('mistral/magistral-medium-latest'));
    const stream = await client().stream(ask('mistral/magistral-medium-latest')).finalResponse();
    for (const response of [chat, stream]) {
      expect(response.reasoning).toBe('Seventeen times twenty-three.');
      expect(response.text).toBe('391');
      expect(response.content.map((part) => part.type)).toEqual(['reasoning', 'text']);
    }
  });

  it('sends earlier reasoning back as a thinking part', async () => {
    simulator.enqueue({ kind: 'reply', reply: { text: 'Yes.' } });
    await client().chat({
      model: 'mistral/magistral-medium-latest',
      messages: [
        { role: 'user', content: '17 × 23?' },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: '17 × 20 + 17 × 3.' },
            { type: 'text', text: '391' },
          ],
        },
        { role: 'user', content: 'Sure?' },
      ],
    });
    expect(messagesSent()[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: [{ type: 'text', text: '17 × 20 + 17 × 3.' }] },
        { type: 'text', text: '391' },
      ],
    });
  });
});

describe('errors and key', () => {
  it("reads Mistral's error body, and turns a 422 detail list into one line", async () => {
    simulator.enqueue({
      kind: 'raw',
      status: 422,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        object: 'error',
        message: {
          detail: [
            {
              type: 'extra_forbidden',
              loc: ['body', 'logit_bias'],
              msg: 'Extra inputs are not permitted',
              input: {},
            },
          ],
        },
        type: 'invalid_request_error',
        param: null,
        code: null,
      }),
    });
    const error = await client()
      .chat(ask('mistral/mistral-small-latest'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(String(error)).toContain(
      'mistral (mistral-small-latest) said: body.logit_bias: Extra inputs are not permitted',
    );
    expect(InvalidRequestError.is(error) && error.vendorCode).toBe('invalid_request_error');
  });

  it('scrubs the key from a message that echoes it, and reads MISTRAL_API_KEY lazily', async () => {
    simulator.enqueue({ kind: 'error', status: 401, message: `Unauthorized key ${API_KEY}` });
    const error = await client()
      .chat(ask('mistral/mistral-small-latest'))
      .catch((caught: unknown) => caught);
    expect(String(error)).not.toContain(API_KEY);
    vi.stubEnv('MISTRAL_API_KEY', '');
    await expect(
      createClient({ providers: [mistral] }).chat(ask('mistral/mistral-small-latest')),
    ).rejects.toThrow(ConfigurationError);
  });
});

describe('default base URL', () => {
  it('posts to https://api.mistral.ai/v1/chat/completions', async () => {
    const { fetch: recordingFetch, urls } = createRecordingFetch();
    const provider = createMistral({ apiKey: 'test-key-0123456789', fetch: recordingFetch });
    await createClient({ providers: [provider] }).chat({
      model: 'mistral/mistral-small-latest',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(urls).toEqual(['https://api.mistral.ai/v1/chat/completions']);
  });
});
