import { type ChatRequest, InvalidRequestError, type ToolDefinition } from '@stratum/core';
import { describe, expect, it } from 'vitest';
import { JSON_TOOL_NAME } from '../src/index.js';
import { collect, MODEL, TOOL_JSON_MODEL, useHarness } from './setup.js';

const harness = useHarness();

const WEATHER: ToolDefinition = {
  name: 'weather',
  description: 'Current weather in a city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
  },
};

const ask = (extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model: MODEL,
  messages: [{ role: 'user', content: 'Weather in Oslo?' }],
  ...extra,
});

describe('tools', () => {
  it('sends tools with input_schema, description and strict', async () => {
    await harness.client.chat(
      ask({ tools: [WEATHER, { name: 'clock', parameters: {}, strict: true }] }),
    );
    const body = harness.body();
    expect(body['tools']).toEqual([
      {
        name: 'weather',
        description: 'Current weather in a city',
        input_schema: WEATHER.parameters,
      },
      { name: 'clock', input_schema: { type: 'object' }, strict: true },
    ]);
    expect(body).not.toHaveProperty('tool_choice');
  });

  it.each([
    ['auto', { type: 'auto' }],
    ['required', { type: 'any' }],
    ['none', { type: 'none' }],
    [
      { type: 'tool', name: 'weather' },
      { type: 'tool', name: 'weather' },
    ],
  ] as const)('maps toolChoice %j to %j', async (toolChoice, expected) => {
    await harness.client.chat(ask({ tools: [WEATHER], toolChoice }));
    expect(harness.body()['tool_choice']).toEqual(expected);
  });

  it('maps parallelToolCalls: false to disable_parallel_tool_use', async () => {
    await harness.client.chat(ask({ tools: [WEATHER], parallelToolCalls: false }));
    expect(harness.body()['tool_choice']).toEqual({
      type: 'auto',
      disable_parallel_tool_use: true,
    });
    await harness.client.chat(
      ask({ tools: [WEATHER], toolChoice: 'required', parallelToolCalls: false }),
    );
    expect(harness.body()['tool_choice']).toEqual({ type: 'any', disable_parallel_tool_use: true });
  });

  it('warns about a toolChoice without tools and sends neither', async () => {
    const response = await harness.client.chat(ask({ toolChoice: 'required' }));
    expect(harness.body()).not.toHaveProperty('tool_choice');
    expect(response.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported-setting', setting: 'toolChoice' }),
    ]);
  });

  it('rejects a tool whose schema is not an object', async () => {
    await expect(
      harness.client.chat(ask({ tools: [{ name: 'bad', parameters: { type: 'string' } }] })),
    ).rejects.toThrow(/tools\[0\] \(bad\).*object/);
  });

  it('returns parallel tool calls and sends their results back as tool_result blocks', async () => {
    harness.simulator.enqueue({
      kind: 'reply',
      reply: {
        text: 'Checking.',
        toolCalls: [
          { id: 'toolu_01', name: 'weather', arguments: { city: 'Oslo' } },
          { id: 'toolu_02', name: 'weather', arguments: '{"city":"Rome"}' },
        ],
      },
    });
    const first = await harness.client.chat(ask({ tools: [WEATHER] }));
    expect(first.finishReason).toBe('tool-calls');
    expect(first.rawFinishReason).toBe('tool_use');
    expect(first.toolCalls).toEqual([
      {
        id: 'toolu_01',
        name: 'weather',
        arguments: { city: 'Oslo' },
        rawArguments: '{"city":"Oslo"}',
      },
      {
        id: 'toolu_02',
        name: 'weather',
        arguments: { city: 'Rome' },
        rawArguments: '{"city":"Rome"}',
      },
    ]);

    await harness.client.chat(
      ask({
        tools: [WEATHER],
        messages: [
          { role: 'user', content: 'Weather in Oslo and Rome?' },
          { role: 'assistant', content: first.content },
          { role: 'tool', toolCallId: 'toolu_01', content: '3°C' },
          { role: 'tool', toolCallId: 'toolu_02', content: 'unavailable', isError: true },
        ],
      }),
    );
    expect(harness.body(1)['messages']).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Weather in Oslo and Rome?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking.' },
          { type: 'tool_use', id: 'toolu_01', name: 'weather', input: { city: 'Oslo' } },
          { type: 'tool_use', id: 'toolu_02', name: 'weather', input: { city: 'Rome' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_01', content: '3°C' },
          { type: 'tool_result', tool_use_id: 'toolu_02', content: 'unavailable', is_error: true },
        ],
      },
    ]);
  });

  it('assembles streamed input_json_delta pieces into complete tool calls', async () => {
    harness.simulator.enqueue({
      kind: 'reply',
      chunkSize: 3,
      reply: {
        toolCalls: [
          { id: 'toolu_s1', name: 'weather', arguments: { city: 'Trondheim' } },
          { id: 'toolu_s2', name: 'weather', arguments: { city: 'Bergen' } },
        ],
      },
    });
    const events = await collect(harness.client.stream(ask({ tools: [WEATHER] })));
    const deltas = events.filter((event) => event.type === 'tool-call-delta');
    expect(deltas.length).toBeGreaterThan(6);
    expect(
      deltas
        .filter((event) => event.index === 0)
        .map((event) => event.argumentsDelta)
        .join(''),
    ).toBe('{"city":"Trondheim"}');
    const calls = events.flatMap((event) => (event.type === 'tool-call' ? [event.toolCall] : []));
    expect(calls).toEqual([
      {
        id: 'toolu_s1',
        name: 'weather',
        arguments: { city: 'Trondheim' },
        rawArguments: '{"city":"Trondheim"}',
      },
      {
        id: 'toolu_s2',
        name: 'weather',
        arguments: { city: 'Bergen' },
        rawArguments: '{"city":"Bergen"}',
      },
    ]);
    const finish = events.at(-1);
    expect(finish?.type === 'finish' && finish.response.finishReason).toBe('tool-calls');
    expect(finish?.type === 'finish' && finish.response.toolCalls).toEqual(calls);
  });
});

describe('JSON output', () => {
  const SCHEMA = {
    type: 'object',
    properties: { answer: { type: 'number' } },
    required: ['answer'],
    additionalProperties: false,
  };

  it('uses native structured output (output_config.format) when the catalog says the model has it', async () => {
    harness.simulator.enqueue({ kind: 'reply', reply: { text: '{"answer":4}' } });
    const response = await harness.client.chat(
      ask({ responseFormat: { type: 'json-schema', schema: SCHEMA } }),
    );
    expect(harness.client.resolveModel(MODEL).info?.capabilities.structuredOutput).toBe(true);
    expect(harness.body()['output_config']).toEqual({
      format: { type: 'json_schema', schema: SCHEMA },
    });
    expect(harness.body()).not.toHaveProperty('tools');
    expect(JSON.parse(response.text)).toEqual({ answer: 4 });
  });

  it('forces a json_response tool on models without native structured output, and returns its input as text', async () => {
    harness.simulator.enqueue({
      kind: 'reply',
      reply: { toolCalls: [{ id: 'toolu_j', name: JSON_TOOL_NAME, arguments: { answer: 4 } }] },
    });
    const response = await harness.client.chat(
      ask({ model: TOOL_JSON_MODEL, responseFormat: { type: 'json-schema', schema: SCHEMA } }),
    );
    const body = harness.body();
    expect(body).not.toHaveProperty('output_config');
    expect(body['tools']).toEqual([
      expect.objectContaining({ name: JSON_TOOL_NAME, input_schema: SCHEMA }),
    ]);
    expect(body['tool_choice']).toEqual({ type: 'tool', name: JSON_TOOL_NAME });
    expect(response.text).toBe('{"answer":4}');
    expect(response.toolCalls).toEqual([]);
    expect(response.finishReason).toBe('stop');
    expect(response.rawFinishReason).toBe('tool_use');
  });

  it('streams the forced tool input as text deltas', async () => {
    harness.simulator.enqueue({
      kind: 'reply',
      chunkSize: 4,
      reply: { toolCalls: [{ name: JSON_TOOL_NAME, arguments: '{"answer": 42}' }] },
    });
    const stream = harness.client.stream(
      ask({ model: TOOL_JSON_MODEL, responseFormat: { type: 'json-schema', schema: SCHEMA } }),
    );
    const texts: string[] = [];
    for await (const text of stream.textStream) texts.push(text);
    expect(texts.length).toBeGreaterThan(2);
    expect(texts.join('')).toBe('{"answer": 42}');
    const response = await stream.finalResponse();
    expect(response.toolCalls).toEqual([]);
    expect(response.finishReason).toBe('stop');
  });

  it('wraps a non-object schema under "value" and unwraps the answer', async () => {
    const schema = { type: 'array', items: { type: 'string' } };
    harness.simulator.enqueue({
      kind: 'reply',
      reply: { toolCalls: [{ name: JSON_TOOL_NAME, arguments: { value: ['a', 'b'] } }] },
    });
    const response = await harness.client.chat(
      ask({ model: TOOL_JSON_MODEL, responseFormat: { type: 'json-schema', schema } }),
    );
    expect(harness.body()['tools']).toEqual([
      expect.objectContaining({
        input_schema: {
          type: 'object',
          properties: { value: schema },
          required: ['value'],
          additionalProperties: false,
        },
      }),
    ]);
    expect(JSON.parse(response.text)).toEqual(['a', 'b']);
  });

  it('lets providerOptions.anthropic.structuredOutputs choose the tool path', async () => {
    await harness.client.chat(
      ask({
        responseFormat: { type: 'json-schema', schema: SCHEMA },
        providerOptions: { anthropic: { structuredOutputs: 'tool' } },
      }),
    );
    expect(harness.body()['tool_choice']).toEqual({ type: 'tool', name: JSON_TOOL_NAME });
  });

  it('asks for any JSON object through the tool for responseFormat json', async () => {
    await harness.client.chat(ask({ responseFormat: { type: 'json' } }));
    expect(harness.body()['tools']).toEqual([
      expect.objectContaining({
        name: JSON_TOOL_NAME,
        input_schema: { type: 'object', additionalProperties: true },
      }),
    ]);
  });

  it("keeps the caller's tools callable next to the JSON tool (tool_choice any)", async () => {
    await harness.client.chat(
      ask({ model: TOOL_JSON_MODEL, tools: [WEATHER], responseFormat: { type: 'json' } }),
    );
    const body = harness.body();
    expect(body['tools']).toEqual([
      expect.objectContaining({ name: 'weather' }),
      expect.objectContaining({ name: JSON_TOOL_NAME }),
    ]);
    expect(body['tool_choice']).toEqual({ type: 'any' });
  });

  it('rejects a caller tool that takes the JSON tool name', async () => {
    await expect(
      harness.client.chat(
        ask({
          tools: [{ name: JSON_TOOL_NAME, parameters: { type: 'object' } }],
          responseFormat: { type: 'json' },
        }),
      ),
    ).rejects.toThrow(InvalidRequestError);
  });
});
