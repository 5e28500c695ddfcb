import { readFile } from 'node:fs/promises';
import { calculateCost, createClient, registerModel } from '@stratum/core';
import { type OpenAISimulator, startXaiSimulator } from '@stratum/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createXai } from '../src/index.js';

const fixture = (name: string) => readFile(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

let simulator: OpenAISimulator;
const client = () =>
  createClient({
    providers: [createXai({ apiKey: 'xai-test-0123456789', baseURL: simulator.baseURL })],
  });

beforeAll(async () => {
  simulator = await startXaiSimulator();
  // xAI's published grok-3-mini price: $0.30/M input, $0.075/M cached input, $0.50/M output.
  registerModel({ id: 'xai/grok-3-mini', pricing: { input: 0.3, cacheRead: 0.075, output: 0.5 } });
});
beforeEach(() => simulator.reset());
afterAll(() => simulator.close());

describe('recorded xAI responses, replayed', () => {
  it('xai-text.chunks.txt: reasoning, text, and usage with reasoning outside completion_tokens', async () => {
    const chunks = (await fixture('xai-text.chunks.txt'))
      .split('\n')
      .filter((line) => line.trim() !== '');
    expect(chunks).toHaveLength(8);
    simulator.enqueue({ kind: 'recorded', chunks });
    const stream = client().stream({
      model: 'xai/grok-3-mini',
      messages: [{ role: 'user', content: 'Hello' }],
    });
    const reasoning: string[] = [];
    for await (const event of stream)
      if (event.type === 'reasoning-delta') reasoning.push(event.text);
    const response = await stream.finalResponse();
    expect(reasoning).toEqual(['First', ',', ' the', ' user', ' said']);
    expect(response.text).toBe('Hello');
    expect(response.id).toBe('7327b9f5-1c2f-0a15-3fef-c14a71c460d3');
    // prompt 12 (11 cached); completion_tokens 1 + reasoning_tokens 290 = 291 output tokens;
    // total_tokens 303 = 12 + 1 + 290.
    expect(response.usage).toEqual({
      inputTokens: 12,
      cacheReadTokens: 11,
      cacheWriteTokens: 0,
      outputTokens: 291,
      reasoningTokens: 290,
      totalTokens: 303,
    });
    // xAI billed 1,466,250 ticks = $0.000146625. The catalog agrees: uncached 1 × $0.30/M
    // = $0.0000003; cached 11 × $0.075/M = $0.000000825; 291 × $0.50/M = $0.0001455.
    expect(response.cost).toMatchObject({ source: 'provider', total: 0.000146625 });
    const info = client().resolveModel('xai/grok-3-mini').info;
    expect(info && calculateCost(info, response.usage)?.total).toBe(0.000146625);
  });

  it('xai-tool-call.json: a tool call with its reasoning', async () => {
    simulator.enqueue({ kind: 'recorded', json: await fixture('xai-tool-call.json') });
    const response = await client().chat({
      model: 'xai/grok-3-mini',
      messages: [{ role: 'user', content: 'What is the weather in San Francisco?' }],
      tools: [
        {
          name: 'weather',
          parameters: { type: 'object', properties: { location: { type: 'string' } } },
        },
      ],
    });
    expect(
      response.reasoning?.startsWith(
        'First, the user is asking about the weather in San Francisco.',
      ),
    ).toBe(true);
    expect(response.finishReason).toBe('tool-calls');
    expect(response.toolCalls).toEqual([
      {
        id: 'call_93562515',
        name: 'weather',
        arguments: { location: 'San Francisco' },
        rawArguments: '{"location":"San Francisco"}',
      },
    ]);
    // completion 26 + reasoning 189 = 215 output tokens; total 506 = 291 + 26 + 189.
    expect(response.usage).toEqual({
      inputTokens: 291,
      cacheReadTokens: 244,
      cacheWriteTokens: 0,
      outputTokens: 215,
      reasoningTokens: 189,
      totalTokens: 506,
    });
    // 1,399,000 ticks = $0.0001399 = uncached 47 × $0.30/M ($0.0000141) + cached 244 ×
    // $0.075/M ($0.0000183) + 215 × $0.50/M ($0.0001075).
    expect(response.cost).toMatchObject({
      source: 'provider',
      total: 0.0001399,
      input: 0.0000141,
      cacheRead: 0.0000183,
      output: 0.0001075,
    });
  });
});
