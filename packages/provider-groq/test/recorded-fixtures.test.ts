import { readFile } from 'node:fs/promises';
import { createClient, registerModel } from '@stratum/core';
import { type OpenAISimulator, startGroqSimulator } from '@stratum/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGroq } from '../src/index.js';

const fixture = (name: string) => readFile(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

let simulator: OpenAISimulator;
const client = () =>
  createClient({
    providers: [createGroq({ apiKey: 'gsk_test_0123456789', baseURL: simulator.baseURL })],
  });

beforeAll(async () => {
  simulator = await startGroqSimulator();
  // Groq's published price for llama-3.3-70b-versatile: $0.59/M input, $0.79/M output.
  registerModel({ id: 'groq/llama-3.3-70b-versatile', pricing: { input: 0.59, output: 0.79 } });
});
beforeEach(() => simulator.reset());
afterAll(() => simulator.close());

describe('recorded Groq responses, replayed', () => {
  it('groq-text.json: text, and usage among Groq timings', async () => {
    const json = await fixture('groq-text.json');
    simulator.enqueue({ kind: 'recorded', json });
    const response = await client().chat({
      model: 'groq/llama-3.3-70b-versatile',
      messages: [{ role: 'user', content: 'Invent a new holiday and describe its traditions.' }],
    });
    const recorded: { choices: Array<{ message: { content: string } }> } = JSON.parse(json);
    expect(response.text).toBe(recorded.choices[0]?.message.content);
    expect(response.text.startsWith('I\'d like to introduce "Luminaria"')).toBe(true);
    expect(response.id).toBe('chatcmpl-09d64d2a-ed1c-4473-829f-78db43f45d13');
    expect(response.model).toBe('llama-3.3-70b-versatile');
    expect(response.finishReason).toBe('stop');
    expect(response.usage).toEqual({
      inputTokens: 45,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 607,
      reasoningTokens: 0,
      totalTokens: 652,
    });
    // 45 × $0.59/M = $0.00002655; 607 × $0.79/M = $0.00047953; total $0.00050608.
    expect(response.cost?.total).toBe(0.00050608);
  });

  it('groq-tool-call.json: a tool call without arguments and without content', async () => {
    simulator.enqueue({ kind: 'recorded', json: await fixture('groq-tool-call.json') });
    const response = await client().chat({
      model: 'groq/llama-3.3-70b-versatile',
      messages: [{ role: 'user', content: 'What is the weather?' }],
      tools: [{ name: 'weather', parameters: { type: 'object', properties: {} } }],
    });
    expect(response.text).toBe('');
    expect(response.finishReason).toBe('tool-calls');
    expect(response.toolCalls).toEqual([
      { id: 'ax9fskhev', name: 'weather', arguments: {}, rawArguments: '{}' },
    ]);
    expect(response.usage).toMatchObject({ inputTokens: 218, outputTokens: 15, totalTokens: 233 });
    // 218 × $0.59/M = $0.00012862; 15 × $0.79/M = $0.00001185; total $0.00014047.
    expect(response.cost?.total).toBe(0.00014047);
  });
});
