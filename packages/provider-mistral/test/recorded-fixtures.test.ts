import { readFile } from 'node:fs/promises';
import { createClient, registerModel } from '@stratum/core';
import { type OpenAISimulator, startMistralSimulator } from '@stratum/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMistral } from '../src/index.js';

const fixture = (name: string) => readFile(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

let simulator: OpenAISimulator;
const client = () =>
  createClient({
    providers: [createMistral({ apiKey: 'mistral-test-0123456789', baseURL: simulator.baseURL })],
  });

beforeAll(async () => {
  simulator = await startMistralSimulator();
  // Mistral's published price for Mistral Small 3.2: $0.10/M input, $0.30/M output; pinned.
  registerModel({ id: 'mistral/mistral-small-latest', pricing: { input: 0.1, output: 0.3 } });
});
beforeEach(() => simulator.reset());
afterAll(() => simulator.close());

describe('recorded Mistral responses, replayed', () => {
  it('mistral-text.chunks.txt: text deltas and usage on the finish chunk', async () => {
    const chunks = (await fixture('mistral-text.chunks.txt'))
      .split('\n')
      .filter((line) => line.trim() !== '');
    expect(chunks).toHaveLength(8);
    simulator.enqueue({ kind: 'recorded', chunks });
    const deltas: string[] = [];
    const stream = client().stream({
      model: 'mistral/mistral-small-latest',
      messages: [{ role: 'user', content: 'Hello' }],
    });
    for await (const event of stream) if (event.type === 'text-delta') deltas.push(event.text);
    const response = await stream.finalResponse();
    expect(deltas).toEqual(['Hello', ', ', 'world!', ' This', ' is a test', ' response.']);
    expect(response.text).toBe('Hello, world! This is a test response.');
    expect(response.id).toBe('5319bd0299614c679a0068a4f2c8ffd0');
    expect(response.finishReason).toBe('stop');
    expect(response.usage).toEqual({
      inputTokens: 13,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 8,
      reasoningTokens: 0,
      totalTokens: 21,
    });
    // 13 × $0.10/M = $0.0000013; 8 × $0.30/M = $0.0000024; total $0.0000037.
    expect(response.cost?.total).toBe(0.0000037);
    expect(response.warnings).toEqual([]);
  });

  it('mistral-tool-call.json: a nine-character tool-call id without a type', async () => {
    simulator.enqueue({ kind: 'recorded', json: await fixture('mistral-tool-call.json') });
    const response = await client().chat({
      model: 'mistral/mistral-small-latest',
      messages: [{ role: 'user', content: 'Weather in San Francisco?' }],
      tools: [
        {
          name: 'weather',
          parameters: { type: 'object', properties: { location: { type: 'string' } } },
        },
      ],
    });
    expect(response.finishReason).toBe('tool-calls');
    expect(response.toolCalls).toEqual([
      {
        id: 'gSIMJiOkT',
        name: 'weather',
        arguments: { location: 'San Francisco' },
        rawArguments: '{"location": "San Francisco"}',
      },
    ]);
    expect(response.usage).toMatchObject({ inputTokens: 124, outputTokens: 22, totalTokens: 146 });
    // 124 × $0.10/M = $0.0000124; 22 × $0.30/M = $0.0000066; total $0.000019.
    expect(response.cost?.total).toBe(0.000019);
  });

  it('issue-13703-mistral-thinking.json: a thinking part becomes the reasoning', async () => {
    simulator.enqueue({
      kind: 'recorded',
      json: await fixture('issue-13703-mistral-thinking.json'),
    });
    const response = await client().chat({
      model: 'mistral/mistral-small-latest',
      messages: [{ role: 'user', content: 'What is 17 × 23?' }],
    });
    expect(
      response.reasoning?.startsWith('Okay, the user is asking for the product of 17 and 23.'),
    ).toBe(true);
    expect(response.reasoning?.endsWith('So, 17 multiplied by 23 equals 391.')).toBe(true);
    expect(response.text).toBe('391');
    expect(response.content.map((part) => part.type)).toEqual(['reasoning', 'text']);
    expect(response.usage).toMatchObject({ inputTokens: 28, cacheReadTokens: 0, outputTokens: 94 });
    // 28 × $0.10/M = $0.0000028; 94 × $0.30/M = $0.0000282; total $0.000031.
    expect(response.cost?.total).toBe(0.000031);
  });
});
