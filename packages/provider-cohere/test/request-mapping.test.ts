import { describe, expect, it } from 'vitest';
import { MODEL, useHarness } from './setup.js';

const harness = useHarness();

const WEATHER = {
  name: 'get_weather',
  description: 'Weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('Cohere request mapping', () => {
  it('takes bare command- ids as Cohere models (the maker wins over hosts that list them)', async () => {
    const response = await harness.client.chat({
      model: 'command-r-plus',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(response.provider).toBe('cohere');
    expect(response.modelId).toBe('cohere/command-r-plus');
    expect(harness.body()['model']).toBe('command-r-plus');
  });

  it('maps sampling settings to v2 fields', async () => {
    await harness.client.chat({
      model: MODEL,
      messages: [{ role: 'user', content: 'hi' }],
      temperature: 0.3,
      topP: 0.9,
      maxOutputTokens: 200,
      stop: ['END'],
      seed: 7,
      providerOptions: { cohere: { topK: 40, safetyMode: 'STRICT' } },
    });
    expect(harness.body()).toMatchObject({
      model: 'command-r-plus',
      temperature: 0.3,
      p: 0.9,
      max_tokens: 200,
      stop_sequences: ['END'],
      seed: 7,
      k: 40,
      safety_mode: 'STRICT',
    });
  });

  it('sends a tool plan back as tool_plan with the calls that followed it', async () => {
    harness.simulator.enqueue({ kind: 'reply', reply: { text: 'Sunny.' } });
    await harness.client.chat({
      model: MODEL,
      tools: [WEATHER],
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          content: [
            {
              type: 'reasoning',
              text: 'I will look up the weather.',
              providerOptions: { cohere: { toolPlan: true } },
            },
            {
              type: 'tool-call',
              id: 'get_weather_1',
              name: 'get_weather',
              arguments: { city: 'Paris' },
            },
          ],
        },
        { role: 'tool', toolCallId: 'get_weather_1', content: '{"sky":"sunny"}' },
      ],
    });
    const messages = harness.body()['messages'];
    expect(messages).toEqual([
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        tool_plan: 'I will look up the weather.',
        tool_calls: [
          {
            id: 'get_weather_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'get_weather_1', content: '{"sky":"sunny"}' },
    ]);
  });

  it('narrows the tools to a named tool and requires a call', async () => {
    await harness.client.chat({
      model: MODEL,
      messages: [{ role: 'user', content: 'hi' }],
      tools: [WEATHER, { name: 'get_time', parameters: { type: 'object' } }],
      toolChoice: { type: 'tool', name: 'get_time' },
    });
    const body = harness.body();
    expect(body['tool_choice']).toBe('REQUIRED');
    expect(body['tools']).toEqual([
      { type: 'function', function: { name: 'get_time', parameters: { type: 'object' } } },
    ]);
  });

  it('sends documents from providerOptions and from text file parts', async () => {
    await harness.client.chat({
      model: MODEL,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Summarize' },
            {
              type: 'file',
              mediaType: 'text/plain',
              filename: 'notes.txt',
              source: {
                type: 'base64',
                data: Buffer.from('Ship on Friday.').toString('base64'),
                mediaType: 'text/plain',
              },
            },
          ],
        },
      ],
      providerOptions: {
        cohere: {
          documents: [{ id: 'policy', data: { text: 'No deploys on weekends.' } }],
          citationMode: 'ACCURATE',
        },
      },
    });
    const body = harness.body();
    expect(body['documents']).toEqual([
      { id: 'policy', data: { text: 'No deploys on weekends.' } },
      { data: { text: 'Ship on Friday.', title: 'notes.txt' } },
    ]);
    expect(body['citation_options']).toEqual({ mode: 'ACCURATE' });
    expect(body['messages']).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Summarize' }] },
    ]);
  });

  it('refuses a PDF file part with a fix, before any request', async () => {
    const error = await harness.client
      .chat({
        model: MODEL,
        messages: [
          {
            role: 'user',
            content: [
              {
                type: 'file',
                mediaType: 'application/pdf',
                source: { type: 'base64', data: 'JVBERi0=', mediaType: 'application/pdf' },
              },
            ],
          },
        ],
      })
      .catch((caught: unknown) => caught);
    expect(error instanceof Error && error.message).toContain('Cohere takes documents as text');
    expect(harness.simulator.requests).toHaveLength(0);
  });

  it('asks for JSON with a schema as json_object', async () => {
    const schema = { type: 'object', properties: { a: { type: 'number' } } };
    await harness.client.chat({
      model: MODEL,
      messages: [{ role: 'user', content: 'JSON' }],
      responseFormat: { type: 'json-schema', schema },
    });
    expect(harness.body()['response_format']).toEqual({ type: 'json_object', json_schema: schema });
  });

  it('turns thinking on with a budget for a model the catalog does not mark as non-reasoning', async () => {
    harness.simulator.enqueue({ kind: 'reply', reply: { reasoning: 'Two and two.', text: '4' } });
    const response = await harness.client.chat({
      model: 'cohere/command-a-reasoning-08-2025',
      messages: [{ role: 'user', content: '2+2?' }],
      reasoning: { budgetTokens: 2048 },
    });
    expect(harness.body()['thinking']).toEqual({ type: 'enabled', token_budget: 2048 });
    expect(response.reasoning).toBe('Two and two.');
    expect(response.text).toBe('4');
  });

  it('warns instead of sending reasoning to a model without it', async () => {
    const response = await harness.client.chat({
      model: MODEL,
      messages: [{ role: 'user', content: 'hi' }],
      reasoning: { budgetTokens: 2048 },
    });
    expect(harness.body()['thinking']).toBeUndefined();
    expect(response.warnings).toContainEqual(
      expect.objectContaining({ type: 'unsupported-setting', setting: 'reasoning' }),
    );
  });

  it('streams thinking, the tool plan and tool calls', async () => {
    harness.simulator.enqueue({
      kind: 'reply',
      reply: {
        reasoning: 'Need weather.',
        toolCalls: [{ id: 'get_weather_9', name: 'get_weather', arguments: { city: 'Oslo' } }],
      },
      chunkSize: 4,
    });
    const stream = harness.client.stream({
      model: 'cohere/command-a-reasoning-08-2025',
      messages: [{ role: 'user', content: 'Weather in Oslo?' }],
      tools: [WEATHER],
    });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    const response = await stream.finalResponse();
    expect(types.filter((type) => type === 'tool-call-delta').length).toBeGreaterThan(1);
    expect(response.toolCalls).toEqual([
      expect.objectContaining({ id: 'get_weather_9', arguments: { city: 'Oslo' } }),
    ]);
    expect(response.reasoning).toContain('Need weather.');
    expect(response.reasoning).toContain('I will call the tools the request needs.');
    expect(response.finishReason).toBe('tool-calls');
  });
});
