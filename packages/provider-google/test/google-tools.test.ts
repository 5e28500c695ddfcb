import { createClient, type Message, type ToolDefinition } from '@stratum/core';
import { startGoogleSimulator } from '@stratum/testing';
import { describe, expect, it } from 'vitest';
import { createGoogle } from '../src/index.js';
import { API_KEY, failure, useGoogle } from './harness.js';

const harness = useGoogle();
const MODEL = 'google/gemini-2.5-flash';

const WEATHER: ToolDefinition = {
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: {
      city: { type: 'string', description: 'City name', minLength: 1 },
      unit: { type: ['string', 'null'], enum: ['c', 'f', null] },
      days: { type: 'integer', enum: [1, 3, 7] },
      when: { type: 'string', format: 'date-time' },
      email: { type: 'string', format: 'email' },
      tags: { type: 'array', items: { type: 'string' }, uniqueItems: true },
      options: { type: 'object', additionalProperties: { type: 'number' } },
    },
    required: ['city'],
    additionalProperties: false,
  },
};

describe('function declarations', () => {
  it('converts JSON Schema to the Gemini subset and warns about what it dropped', async () => {
    const response = await harness.client.chat({
      model: MODEL,
      messages: [{ role: 'user', content: 'Weather?' }],
      tools: [
        WEATHER,
        { name: 'now', description: 'The time', parameters: { type: 'object', properties: {} } },
      ],
    });
    expect(harness.body().tools).toEqual([
      {
        functionDeclarations: [
          {
            name: 'get_weather',
            description: 'Current weather for a city',
            parameters: {
              type: 'OBJECT',
              properties: {
                city: { type: 'STRING', description: 'City name', minLength: '1' },
                unit: { type: 'STRING', nullable: true, enum: ['c', 'f'] },
                days: { type: 'INTEGER', enum: ['1', '3', '7'], format: 'enum' },
                when: { type: 'STRING', format: 'date-time' },
                email: { type: 'STRING' },
                tags: { type: 'ARRAY', items: { type: 'STRING' } },
                options: { type: 'OBJECT' },
              },
              required: ['city'],
            },
          },
          // A tool without parameters is declared without a schema, as Gemini requires.
          { name: 'now', description: 'The time' },
        ],
      },
    ]);
    expect(response.warnings).toHaveLength(1);
    const [warning] = response.warnings;
    expect(warning).toMatchObject({
      type: 'unsupported-tool',
      setting: 'tools.get_weather.parameters',
    });
    for (const note of [
      '$schema dropped at /',
      'non-string enum values sent as strings at /properties/days',
      'format "email" dropped at /properties/email',
      'uniqueItems dropped at /properties/tags',
      'additionalProperties dropped at /properties/options',
      'additionalProperties dropped at /',
    ]) {
      expect(warning?.message).toContain(note);
    }
  });

  it('inlines $ref definitions and refuses recursive schemas without calling Gemini', async () => {
    const address = { type: 'object', properties: { street: { type: 'string' } } };
    await harness.client.chat({
      model: MODEL,
      messages: [{ role: 'user', content: 'Ship it' }],
      tools: [
        {
          name: 'ship',
          parameters: {
            type: 'object',
            properties: {
              to: { $ref: '#/$defs/address' },
              from: { $ref: '#/definitions/address' },
            },
            $defs: { address },
            definitions: { address },
          },
        },
      ],
    });
    const [tool] = harness.body().tools as Array<{ functionDeclarations: unknown[] }>;
    const inlined = { type: 'OBJECT', properties: { street: { type: 'STRING' } } };
    expect(tool?.functionDeclarations[0]).toEqual({
      name: 'ship',
      parameters: { type: 'OBJECT', properties: { to: inlined, from: inlined } },
    });

    harness.simulator.reset();
    const error = await failure(
      harness.client.chat({
        model: MODEL,
        messages: [{ role: 'user', content: 'Tree' }],
        tools: [
          {
            name: 'tree',
            parameters: {
              type: 'object',
              properties: { node: { $ref: '#/$defs/node' } },
              $defs: { node: { type: 'object', properties: { child: { $ref: '#/$defs/node' } } } },
            },
          },
        ],
      }),
    );
    expect(error.code).toBe('invalid_request');
    expect(error.provider).toBe('google');
    expect(error.message).toContain('recursive');
    expect(harness.simulator.requests).toHaveLength(0);
  });

  it('sends schemas unchanged as parametersJsonSchema with providerOptions.google.jsonSchema', async () => {
    const response = await harness.client.chat({
      model: MODEL,
      messages: [{ role: 'user', content: 'Weather?' }],
      tools: [WEATHER],
      providerOptions: { google: { jsonSchema: true } },
    });
    const [tool] = harness.body().tools as Array<{ functionDeclarations: unknown[] }>;
    expect(tool?.functionDeclarations[0]).toEqual({
      name: 'get_weather',
      description: 'Current weather for a city',
      parametersJsonSchema: WEATHER.parameters,
    });
    expect(response.warnings).toEqual([]);
  });

  it('maps toolChoice to functionCallingConfig modes', async () => {
    const choices = [
      ['auto', { mode: 'AUTO' }],
      ['none', { mode: 'NONE' }],
      ['required', { mode: 'ANY' }],
      [
        { type: 'tool', name: 'get_weather' },
        { mode: 'ANY', allowedFunctionNames: ['get_weather'] },
      ],
    ] as const;
    for (const [toolChoice, expected] of choices) {
      await harness.client.chat({
        model: MODEL,
        messages: [{ role: 'user', content: 'Weather?' }],
        tools: [WEATHER],
        toolChoice,
      });
      expect(harness.body().toolConfig).toEqual({ functionCallingConfig: expected });
    }
    const error = await failure(
      harness.client.chat({
        model: MODEL,
        messages: [{ role: 'user', content: 'Weather?' }],
        tools: [WEATHER],
        toolChoice: { type: 'tool', name: 'get_time' },
      }),
    );
    expect(error.code).toBe('invalid_request');
    expect(error.message).toContain('get_time');
  });
});

describe('function calls', () => {
  it('returns calls with parsed arguments, generated ids and the signature on the part', async () => {
    harness.simulator.enqueue({
      kind: 'reply',
      reply: {
        toolCalls: [
          { name: 'get_weather', arguments: { city: 'Paris' } },
          { name: 'get_weather', arguments: { city: 'Tokyo' } },
        ],
        reasoningSignature: 'c2lnLXBhcmlz',
        finishReason: 'tool-calls',
      },
    });
    const response = await harness.client.chat({
      model: MODEL,
      messages: [{ role: 'user', content: 'Weather in Paris and Tokyo?' }],
      tools: [WEATHER],
    });
    expect(response.finishReason).toBe('tool-calls');
    expect(response.rawFinishReason).toBe('STOP');
    expect(
      response.toolCalls.map((call) => [call.name, call.arguments, call.rawArguments]),
    ).toEqual([
      ['get_weather', { city: 'Paris' }, '{"city":"Paris"}'],
      ['get_weather', { city: 'Tokyo' }, '{"city":"Tokyo"}'],
    ]);
    const [first, second] = response.toolCalls;
    expect(first?.id).toMatch(/^call_[0-9a-f]{24}$/);
    expect(second?.id).not.toBe(first?.id);
    expect(response.content[0]).toMatchObject({
      type: 'tool-call',
      providerOptions: { google: { thoughtSignature: 'c2lnLXBhcmlz' } },
    });
    expect(response.content[1]).not.toHaveProperty('providerOptions');
  });

  it('uses the ids Gemini sends when it sends them', async () => {
    const simulator = await startGoogleSimulator({ functionCallIds: true });
    try {
      const client = createClient({
        providers: [createGoogle({ apiKey: API_KEY, baseURL: simulator.baseURL })],
      });
      simulator.enqueue({
        kind: 'reply',
        reply: { toolCalls: [{ id: 'fc-7', name: 'get_weather', arguments: { city: 'Oslo' } }] },
      });
      const response = await client.chat({
        model: MODEL,
        messages: [{ role: 'user', content: 'Weather?' }],
        tools: [WEATHER],
      });
      expect(response.toolCalls[0]?.id).toBe('fc-7');
    } finally {
      await simulator.close();
    }
  });

  it('sends the full round trip: functionCall with its signature, functionResponse by name', async () => {
    harness.simulator.enqueue({
      kind: 'reply',
      reply: {
        toolCalls: [
          { name: 'get_weather', arguments: { city: 'Paris' } },
          { name: 'get_weather', arguments: { city: 'Tokyo' } },
        ],
        reasoningSignature: 'c2lnLXJvdW5k',
      },
    });
    const first = await harness.client.chat({
      model: MODEL,
      messages: [{ role: 'user', content: 'Weather in Paris and Tokyo?' }],
      tools: [WEATHER],
    });
    const [paris, tokyo] = first.toolCalls;
    harness.simulator.enqueue({ kind: 'reply', reply: { text: 'Paris 18°C, Tokyo unknown.' } });
    const messages: Message[] = [
      { role: 'user', content: 'Weather in Paris and Tokyo?' },
      { role: 'assistant', content: first.content },
      { role: 'tool', toolCallId: paris?.id ?? '', content: '{"temperature":18}' },
      { role: 'tool', toolCallId: tokyo?.id ?? '', content: 'station offline', isError: true },
    ];
    const second = await harness.client.chat({ model: MODEL, messages, tools: [WEATHER] });
    expect(second.text).toBe('Paris 18°C, Tokyo unknown.');
    expect(harness.body().contents).toEqual([
      { role: 'user', parts: [{ text: 'Weather in Paris and Tokyo?' }] },
      {
        role: 'model',
        parts: [
          {
            functionCall: { id: paris?.id, name: 'get_weather', args: { city: 'Paris' } },
            thoughtSignature: 'c2lnLXJvdW5k',
          },
          { functionCall: { id: tokyo?.id, name: 'get_weather', args: { city: 'Tokyo' } } },
        ],
      },
      {
        role: 'user',
        parts: [
          {
            functionResponse: {
              id: paris?.id,
              name: 'get_weather',
              response: { output: { temperature: 18 } },
            },
          },
          {
            functionResponse: {
              id: tokyo?.id,
              name: 'get_weather',
              response: { error: 'station offline' },
            },
          },
        ],
      },
    ]);
  });

  it('sends back the signature of a streamed call, rebuilt from toolCalls alone', async () => {
    harness.simulator.enqueue({
      kind: 'reply',
      reply: {
        toolCalls: [{ name: 'get_weather', arguments: { city: 'Lima' } }],
        reasoningSignature: 'c2lnLXN0cmVhbQ',
      },
    });
    const streamed = await harness.client
      .stream({
        model: MODEL,
        messages: [{ role: 'user', content: 'Weather in Lima?' }],
        tools: [WEATHER],
      })
      .finalResponse();
    const [call] = streamed.toolCalls;
    expect(call).toMatchObject({ name: 'get_weather', arguments: { city: 'Lima' } });
    // The streamed response's own tool-call part carries the signature too.
    expect(streamed.content).toContainEqual(
      expect.objectContaining({
        type: 'tool-call',
        providerOptions: expect.objectContaining({
          google: { thoughtSignature: 'c2lnLXN0cmVhbQ' },
        }),
      }),
    );
    await harness.client.chat({
      model: MODEL,
      tools: [WEATHER],
      messages: [
        { role: 'user', content: 'Weather in Lima?' },
        {
          role: 'assistant',
          content: [
            {
              type: 'tool-call',
              id: call?.id ?? '',
              name: 'get_weather',
              arguments: call?.arguments,
            },
          ],
        },
        { role: 'tool', toolCallId: call?.id ?? '', toolName: 'get_weather', content: '21' },
      ],
    });
    const contents = harness.body().contents as Array<{ parts: unknown[] }>;
    expect(contents[1]?.parts).toEqual([
      {
        functionCall: { id: call?.id, name: 'get_weather', args: { city: 'Lima' } },
        thoughtSignature: 'c2lnLXN0cmVhbQ',
      },
    ]);
    expect(contents[2]?.parts).toEqual([
      { functionResponse: { id: call?.id, name: 'get_weather', response: { output: 21 } } },
    ]);
  });

  it('gives Gemini 3 the documented stand-in for a signature it no longer has', async () => {
    const response = await harness.client.chat({
      model: 'google/gemini-3-pro-preview',
      tools: [WEATHER],
      messages: [
        { role: 'user', content: 'Weather?' },
        {
          role: 'assistant',
          content: [
            {
              type: 'tool-call',
              id: 'foreign-1',
              name: 'get_weather',
              arguments: { city: 'Rome' },
            },
            {
              type: 'tool-call',
              id: 'foreign-2',
              name: 'get_weather',
              arguments: { city: 'Bern' },
            },
          ],
        },
        { role: 'tool', toolCallId: 'foreign-1', content: '20' },
        { role: 'tool', toolCallId: 'foreign-2', content: '15' },
      ],
    });
    const contents = harness.body().contents as Array<{ parts: Array<Record<string, unknown>> }>;
    expect(contents[1]?.parts[0]?.['thoughtSignature']).toBe('skip_thought_signature_validator');
    expect(contents[1]?.parts[1]).not.toHaveProperty('thoughtSignature');
    expect(response.warnings).toContainEqual(
      expect.objectContaining({ message: expect.stringContaining('foreign-1') }),
    );
  });

  it('refuses a tool result whose tool cannot be named', async () => {
    const error = await failure(
      harness.client.chat({
        model: MODEL,
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'tool', toolCallId: 'call_unknown', content: '1' },
        ],
      }),
    );
    expect(error.code).toBe('invalid_request');
    expect(error.message).toContain('call_unknown');
    expect(error.message).toContain('toolName');
  });
});

describe('structured output', () => {
  it('asks for JSON with responseMimeType', async () => {
    harness.simulator.enqueue({ kind: 'reply', reply: { text: '{"ok":true}' } });
    const response = await harness.client.chat({
      model: MODEL,
      messages: [{ role: 'user', content: 'JSON please' }],
      responseFormat: { type: 'json' },
    });
    expect(JSON.parse(response.text)).toEqual({ ok: true });
    expect(harness.body().generationConfig).toEqual({ responseMimeType: 'application/json' });
  });

  it('sends a JSON schema as a converted responseSchema', async () => {
    harness.simulator.enqueue({ kind: 'reply', reply: { text: '{"name":"Ada","age":36}' } });
    const response = await harness.client.chat({
      model: MODEL,
      messages: [{ role: 'user', content: 'Describe Ada' }],
      responseFormat: {
        type: 'json-schema',
        name: 'person',
        schema: {
          type: 'object',
          properties: { name: { type: 'string' }, age: { type: 'integer', exclusiveMinimum: 0 } },
          required: ['name', 'age'],
          additionalProperties: false,
        },
      },
    });
    expect(JSON.parse(response.text)).toEqual({ name: 'Ada', age: 36 });
    expect(harness.body().generationConfig).toEqual({
      responseMimeType: 'application/json',
      responseSchema: {
        type: 'OBJECT',
        properties: { name: { type: 'STRING' }, age: { type: 'INTEGER' } },
        required: ['name', 'age'],
      },
    });
    expect(response.warnings).toEqual([
      expect.objectContaining({
        type: 'unsupported-setting',
        setting: 'responseFormat.schema',
        message: expect.stringContaining('exclusiveMinimum dropped at /properties/age'),
      }),
    ]);
  });

  it('sends the schema unchanged as responseJsonSchema with providerOptions.google.jsonSchema', async () => {
    const schema = {
      type: 'object',
      properties: { tags: { type: 'array', items: { $ref: '#/$defs/tag' } } },
      $defs: { tag: { type: 'string' } },
      additionalProperties: false,
    };
    await harness.client.chat({
      model: MODEL,
      messages: [{ role: 'user', content: 'Tags' }],
      responseFormat: { type: 'json-schema', schema },
      providerOptions: { google: { jsonSchema: true } },
    });
    expect(harness.body().generationConfig).toEqual({
      responseMimeType: 'application/json',
      responseJsonSchema: schema,
    });
  });
});
