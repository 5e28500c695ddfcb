import { InvalidResponseError, type StreamEvent, type ToolDefinition } from '@stratum/core';
import { describe, expect, it } from 'vitest';
import { requestBody, useOpenAISimulator } from './setup-simulator.js';

const setup = useOpenAISimulator();

const weather: ToolDefinition = {
  name: 'get_weather',
  description: 'Current weather in a city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } },
    required: ['city', 'unit'],
    additionalProperties: false,
  },
  strict: true,
};
const time: ToolDefinition = {
  name: 'get_time',
  parameters: { type: 'object', properties: { zone: { type: 'string' } } },
};

describe('openai tools', () => {
  it('sends function tools with their schema, strict flag, tool choice and parallel switch', async () => {
    setup.simulator.enqueue({ kind: 'reply', reply: { text: 'ok' } });
    await setup.client.chat({
      model: 'openai/gpt-4.1-mini',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [weather, time],
      toolChoice: { type: 'tool', name: 'get_weather' },
      parallelToolCalls: false,
    });
    const body = requestBody(setup.simulator);
    expect(body['tools']).toEqual([
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'Current weather in a city',
          parameters: weather.parameters,
          strict: true,
        },
      },
      { type: 'function', function: { name: 'get_time', parameters: time.parameters } },
    ]);
    expect(body['tool_choice']).toEqual({ type: 'function', function: { name: 'get_weather' } });
    expect(body['parallel_tool_calls']).toBe(false);
  });

  it('passes string tool choices through and warns about a tool choice without tools', async () => {
    setup.simulator.enqueue(
      { kind: 'reply', reply: { text: 'a' } },
      { kind: 'reply', reply: { text: 'b' } },
    );
    await setup.client.chat({
      model: 'openai/gpt-4.1-mini',
      messages: [{ role: 'user', content: 'x' }],
      tools: [time],
      toolChoice: 'required',
    });
    expect(requestBody(setup.simulator)['tool_choice']).toBe('required');
    const response = await setup.client.chat({
      model: 'openai/gpt-4.1-mini',
      messages: [{ role: 'user', content: 'x' }],
      toolChoice: 'required',
    });
    expect(requestBody(setup.simulator)).not.toHaveProperty('tool_choice');
    expect(response.warnings).toEqual([expect.objectContaining({ setting: 'toolChoice' })]);
  });

  it('assembles streamed argument pieces into a parsed call', async () => {
    setup.simulator.enqueue({
      kind: 'reply',
      reply: {
        toolCalls: [
          { id: 'call_weather_1', name: 'get_weather', arguments: { city: 'Paris', unit: 'c' } },
        ],
        usage: { inputTokens: 40, outputTokens: 18 },
      },
      chunkSize: 4,
    });
    const events: StreamEvent[] = [];
    for await (const event of setup.client.stream({
      model: 'openai/gpt-4.1-mini',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [weather],
    })) {
      events.push(event);
    }
    const deltas = events.flatMap((event) => (event.type === 'tool-call-delta' ? [event] : []));
    // '{"city":"Paris","unit":"c"}' is 27 characters: 7 pieces of 4, plus the opening delta.
    expect(deltas).toHaveLength(8);
    expect(
      deltas.every((delta) => delta.id === 'call_weather_1' && delta.name === 'get_weather'),
    ).toBe(true);
    expect(deltas.map((delta) => delta.argumentsDelta).join('')).toBe(
      '{"city":"Paris","unit":"c"}',
    );
    const calls = events.flatMap((event) => (event.type === 'tool-call' ? [event.toolCall] : []));
    expect(calls).toEqual([
      {
        id: 'call_weather_1',
        name: 'get_weather',
        arguments: { city: 'Paris', unit: 'c' },
        rawArguments: '{"city":"Paris","unit":"c"}',
      },
    ]);
    const finish = events.at(-1);
    if (finish?.type !== 'finish') throw new Error('no finish');
    expect(finish.response.finishReason).toBe('tool-calls');
    expect(finish.response.rawFinishReason).toBe('tool_calls');
    expect(finish.response.toolCalls).toEqual(calls);
  });

  it('streams parallel calls, each assembled from its own index', async () => {
    setup.simulator.enqueue({
      kind: 'reply',
      reply: {
        toolCalls: [
          { id: 'call_a', name: 'get_weather', arguments: { city: 'Paris', unit: 'c' } },
          { id: 'call_b', name: 'get_weather', arguments: { city: 'Tokyo', unit: 'f' } },
          { id: 'call_c', name: 'get_time', arguments: {} },
        ],
      },
    });
    const response = await setup.client
      .stream({
        model: 'openai/gpt-4.1-mini',
        messages: [{ role: 'user', content: 'Weather in Paris and Tokyo, and the time?' }],
        tools: [weather, time],
      })
      .finalResponse();
    expect(response.toolCalls.map((call) => [call.id, call.name, call.arguments])).toEqual([
      ['call_a', 'get_weather', { city: 'Paris', unit: 'c' }],
      ['call_b', 'get_weather', { city: 'Tokyo', unit: 'f' }],
      ['call_c', 'get_time', {}],
    ]);
  });

  it('reads parallel calls from a non-streamed answer', async () => {
    setup.simulator.enqueue({
      kind: 'reply',
      reply: {
        text: 'Checking both.',
        toolCalls: [
          { id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo","unit":"c"}' },
          { id: 'call_2', name: 'get_time', arguments: '{"zone":"CET"}' },
        ],
      },
    });
    const response = await setup.client.chat({
      model: 'openai/gpt-4.1-mini',
      messages: [{ role: 'user', content: 'Oslo?' }],
      tools: [weather, time],
    });
    expect(response.text).toBe('Checking both.');
    expect(response.finishReason).toBe('tool-calls');
    expect(response.toolCalls).toEqual([
      {
        id: 'call_1',
        name: 'get_weather',
        arguments: { city: 'Oslo', unit: 'c' },
        rawArguments: '{"city":"Oslo","unit":"c"}',
      },
      {
        id: 'call_2',
        name: 'get_time',
        arguments: { zone: 'CET' },
        rawArguments: '{"zone":"CET"}',
      },
    ]);
  });

  it('sends a tool-call turn and its result back in OpenAI form (full round trip)', async () => {
    setup.simulator.enqueue(
      {
        kind: 'reply',
        reply: {
          toolCalls: [
            { id: 'call_rt', name: 'get_weather', arguments: '{"city": "Rome", "unit": "c"}' },
          ],
        },
      },
      { kind: 'reply', reply: { text: 'It is 21 °C in Rome.' } },
    );
    const messages = [{ role: 'user' as const, content: 'Weather in Rome?' }];
    const first = await setup.client.chat({
      model: 'openai/gpt-4.1-mini',
      messages,
      tools: [weather],
    });
    const call = first.toolCalls[0];
    if (!call) throw new Error('no tool call');
    const second = await setup.client.chat({
      model: 'openai/gpt-4.1-mini',
      tools: [weather],
      messages: [
        ...messages,
        { role: 'assistant', content: first.content },
        { role: 'tool', toolCallId: call.id, toolName: call.name, content: '{"temperature":21}' },
      ],
    });
    expect(second.text).toBe('It is 21 °C in Rome.');
    expect(requestBody(setup.simulator)['messages']).toEqual([
      { role: 'user', content: 'Weather in Rome?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_rt',
            type: 'function',
            // The arguments go back exactly as the model wrote them, spaces included.
            function: { name: 'get_weather', arguments: '{"city": "Rome", "unit": "c"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_rt', content: '{"temperature":21}' },
    ]);
  });

  it('fails with an InvalidResponseError when the arguments are not JSON', async () => {
    setup.simulator.enqueue({
      kind: 'reply',
      reply: { toolCalls: [{ id: 'call_bad', name: 'get_time', arguments: '{"zone": CET' }] },
    });
    const failure = setup.client
      .stream({
        model: 'openai/gpt-4.1-mini',
        messages: [{ role: 'user', content: 'x' }],
        tools: [time],
      })
      .finalResponse();
    await expect(failure).rejects.toBeInstanceOf(InvalidResponseError);
    await expect(failure).rejects.toThrow(/get_time/);
  });
});
