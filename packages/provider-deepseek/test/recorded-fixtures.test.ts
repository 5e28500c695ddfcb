import { readFile } from 'node:fs/promises';
import { createClient, registerModel } from '@stratum/core';
import { type OpenAISimulator, startDeepSeekSimulator } from '@stratum/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDeepSeek } from '../src/index.js';

const fixture = (name: string) => readFile(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

let simulator: OpenAISimulator;
const client = () =>
  createClient({
    providers: [
      createDeepSeek({ apiKey: 'sk-deepseek-test-0123456789', baseURL: simulator.origin }),
    ],
  });

beforeAll(async () => {
  simulator = await startDeepSeekSimulator();
  // deepseek-v4-flash as the catalog lists it on 2026-07-24: cache miss $0.14/M, cache hit
  // $0.0028/M, output $0.28/M. Pinned so the arithmetic below holds if the catalog moves.
  registerModel({
    id: 'deepseek/deepseek-v4-flash',
    pricing: { input: 0.14, cacheRead: 0.0028, output: 0.28 },
  });
});
beforeEach(() => simulator.reset());
afterAll(() => simulator.close());

describe('recorded DeepSeek responses, replayed', () => {
  it('deepseek-reasoning.chunks.txt: reasoning_content deltas, then the answer', async () => {
    const chunks = lines(await fixture('deepseek-reasoning.chunks.txt'));
    expect(chunks).toHaveLength(107);
    simulator.enqueue({ kind: 'recorded', chunks });
    let reasoningDeltas = 0;
    let textDeltas = 0;
    const stream = client().stream({
      model: 'deepseek/deepseek-v4-flash',
      messages: [{ role: 'user', content: 'How many "r"s are in strawberry?' }],
    });
    for await (const event of stream) {
      if (event.type === 'reasoning-delta') reasoningDeltas += 1;
      if (event.type === 'text-delta') textDeltas += 1;
    }
    const response = await stream.finalResponse();
    // 107 chunks: the role chunk (empty reasoning), 88 reasoning deltas, 17 content deltas, the finish.
    expect(reasoningDeltas).toBe(88);
    expect(textDeltas).toBe(17);
    expect(
      response.reasoning?.startsWith('We need answer simple. Need count r in strawberry.'),
    ).toBe(true);
    expect(response.reasoning).toHaveLength(285);
    expect(response.text).toBe('There are **3** “r”s in **“strawberry”**.');
    expect(response.content.map((part) => part.type)).toEqual(['reasoning', 'text']);
    expect(response.id).toBe('b1e23612-29d5-4f66-b185-fb61fdde0ac9');
    expect(response.finishReason).toBe('stop');
    // prompt_tokens 97 = hit 0 + miss 97; completion_tokens 106 include 88 reasoning tokens.
    expect(response.usage).toEqual({
      inputTokens: 97,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 106,
      reasoningTokens: 88,
      totalTokens: 203,
    });
    // 97 × $0.14/M = $0.00001358; 106 × $0.28/M = $0.00002968; total $0.00004326.
    expect(response.cost?.total).toBe(0.00004326);
  });

  it('deepseek-tool-call.json: a tool call with its reasoning', async () => {
    simulator.enqueue({ kind: 'recorded', json: await fixture('deepseek-tool-call.json') });
    const response = await client().chat({
      model: 'deepseek/deepseek-v4-flash',
      messages: [{ role: 'user', content: 'What is the weather in San Francisco?' }],
      tools: [
        {
          name: 'weather',
          parameters: { type: 'object', properties: { location: { type: 'string' } } },
        },
      ],
    });
    expect(response.reasoning).toBe(
      "The user asks about weather in San Francisco. I'll call the weather tool.",
    );
    expect(response.text).toBe('');
    expect(response.finishReason).toBe('tool-calls');
    expect(response.toolCalls).toEqual([
      {
        id: 'call_00_lCIkdHRa7AKmCG3TlxXz1061',
        name: 'weather',
        arguments: { location: 'San Francisco' },
        rawArguments: '{"location": "San Francisco"}',
      },
    ]);
    expect(response.usage).toEqual({
      inputTokens: 374,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 60,
      reasoningTokens: 16,
      totalTokens: 434,
    });
    // 374 × $0.14/M = $0.00005236; 60 × $0.28/M = $0.0000168; total $0.00006916.
    expect(response.cost?.total).toBe(0.00006916);
  });

  it('sends the recorded tool-calling turn back with its reasoning_content', async () => {
    simulator.enqueue(
      { kind: 'recorded', json: await fixture('deepseek-tool-call.json') },
      { kind: 'reply', reply: { text: 'It is foggy in San Francisco.' } },
    );
    const tools = [
      {
        name: 'weather',
        parameters: { type: 'object', properties: { location: { type: 'string' } } },
      },
    ];
    const question = { role: 'user' as const, content: 'What is the weather in San Francisco?' };
    const first = await client().chat({
      model: 'deepseek/deepseek-v4-flash',
      messages: [question],
      tools,
    });
    const call = first.toolCalls[0];
    if (!call) throw new Error('the fixture has a tool call');
    const second = await client().chat({
      model: 'deepseek/deepseek-v4-flash',
      tools,
      messages: [
        question,
        { role: 'assistant', content: first.content },
        { role: 'tool', toolCallId: call.id, content: '{"weather":"foggy"}' },
      ],
    });
    expect(second.text).toBe('It is foggy in San Francisco.');
    const body = simulator.requests[1]?.body;
    const messages =
      typeof body === 'object' && body !== null && 'messages' in body ? body.messages : [];
    expect(messages).toEqual([
      { role: 'user', content: 'What is the weather in San Francisco?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_00_lCIkdHRa7AKmCG3TlxXz1061',
            type: 'function',
            function: { name: 'weather', arguments: '{"location": "San Francisco"}' },
          },
        ],
        reasoning_content:
          "The user asks about weather in San Francisco. I'll call the weather tool.",
      },
      {
        role: 'tool',
        tool_call_id: 'call_00_lCIkdHRa7AKmCG3TlxXz1061',
        content: '{"weather":"foggy"}',
      },
    ]);
  });
});
