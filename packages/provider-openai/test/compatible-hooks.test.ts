import { createClient, registerModel } from '@stratum/core';
import { type OpenAISimulator, startOpenAISimulator } from '@stratum/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAICompatible } from '../src/index.js';
import { requestBody, TEST_API_KEY } from './setup-simulator.js';

let simulator: OpenAISimulator;
beforeAll(async () => {
  simulator = await startOpenAISimulator({
    renderUsage: (usage) => ({
      prompt_tokens: usage.inputTokens,
      completion_tokens: usage.outputTokens,
      total_tokens: usage.inputTokens + usage.outputTokens,
      cost: 0.5,
    }),
  });
  registerModel({ id: 'hooked/model', pricing: { input: 1, output: 2 } });
});
beforeEach(() => simulator.reset());
afterAll(() => simulator.close());

const ask = { model: 'hooked/model', messages: [{ role: 'user' as const, content: 'hi' }] };

describe('createOpenAICompatible hooks added for the compatible vendors', () => {
  it('prepareReasoning replaces the reasoning_effort mapping and its warnings', async () => {
    simulator.enqueue({ kind: 'reply', reply: { text: 'ok' } });
    const provider = createOpenAICompatible({
      name: 'hooked',
      baseURL: simulator.baseURL,
      apiKey: TEST_API_KEY,
      prepareReasoning: (reasoning, context) => {
        context.warnings.push({ type: 'other', message: `budget ${reasoning.budgetTokens}` });
        return { thinking: { budget: reasoning.budgetTokens }, reasoning_effort: 'default' };
      },
    });
    const response = await createClient({ providers: [provider] }).chat({
      ...ask,
      reasoning: { budgetTokens: 512 },
    });
    expect(requestBody(simulator)).toMatchObject({
      thinking: { budget: 512 },
      reasoning_effort: 'default',
    });
    // The default mapping would have warned that budgetTokens has no Chat Completions field.
    expect(response.warnings).toEqual([{ type: 'other', message: 'budget 512' }]);
  });

  it('delivers warnings pushed by readProviderCost in streams as in chat', async () => {
    simulator.enqueue(
      { kind: 'reply', reply: { text: 'a' } },
      { kind: 'reply', reply: { text: 'b' } },
    );
    const provider = createOpenAICompatible({
      name: 'hooked',
      baseURL: simulator.baseURL,
      apiKey: TEST_API_KEY,
      readProviderCost: (usage, context) => {
        context.warnings.push({ type: 'other', message: 'vendor cost differs' });
        return typeof usage['cost'] === 'number' ? { total: usage['cost'] } : undefined;
      },
    });
    const client = createClient({ providers: [provider] });
    const chat = await client.chat(ask);
    const stream = await client.stream(ask).finalResponse();
    for (const response of [chat, stream]) {
      expect(response.cost).toMatchObject({ total: 0.5, source: 'provider' });
      expect(response.warnings).toEqual([{ type: 'other', message: 'vendor cost differs' }]);
    }
  });

  it('prices a model of a local server registered as local at a real $0 (the README example)', async () => {
    registerModel({ id: 'vllm/Qwen/Qwen2.5-7B-Instruct', local: true });
    simulator.enqueue({
      kind: 'reply',
      reply: { text: 'ok', usage: { inputTokens: 900, outputTokens: 100 } },
    });
    const vllm = createOpenAICompatible({
      name: 'vllm',
      baseURL: simulator.baseURL,
      apiKeyRequired: false,
    });
    const response = await createClient({ providers: [vllm] }).chat({
      model: 'vllm/Qwen/Qwen2.5-7B-Instruct',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(requestBody(simulator)['model']).toBe('Qwen/Qwen2.5-7B-Instruct');
    // 900 × $0/M + 100 × $0/M: zero, and known. (The simulator's cost field is ignored without readProviderCost.)
    expect(response.cost).toMatchObject({ total: 0, source: 'catalog' });
    expect(response.warnings).toEqual([]);
  });

  it('createMessageConverter sees each converted message beside the Stratum message, once per request', async () => {
    simulator.enqueue(
      { kind: 'reply', reply: { text: 'a' } },
      { kind: 'reply', reply: { text: 'b' } },
    );
    let factories = 0;
    const provider = createOpenAICompatible({
      name: 'hooked',
      baseURL: simulator.baseURL,
      apiKey: TEST_API_KEY,
      createMessageConverter: () => {
        factories += 1;
        let seen = 0;
        return (converted, { message, index, messages }) => {
          seen += 1;
          return { ...converted, name: `${message.role}-${index}-of-${messages.length}-${seen}` };
        };
      },
    });
    const client = createClient({ providers: [provider] });
    const messages = [
      { role: 'system' as const, content: 'be brief' },
      { role: 'user' as const, content: 'hi' },
    ];
    await client.chat({ ...ask, messages });
    expect(requestBody(simulator)['messages']).toEqual([
      { role: 'system', content: 'be brief', name: 'system-0-of-2-1' },
      { role: 'user', content: 'hi', name: 'user-1-of-2-2' },
    ]);
    await client.chat({ ...ask, messages });
    // A fresh converter per request: the count restarts.
    expect(requestBody(simulator)['messages']).toMatchObject([
      { name: 'system-0-of-2-1' },
      { name: 'user-1-of-2-2' },
    ]);
    expect(factories).toBe(2);
  });

  it('createChunkHandler gives each stream its own handler, which sees every chunk', async () => {
    simulator.enqueue(
      { kind: 'reply', reply: { text: 'one two three' } },
      { kind: 'reply', reply: { text: 'four' } },
    );
    const counts: number[] = [];
    const provider = createOpenAICompatible({
      name: 'hooked',
      baseURL: simulator.baseURL,
      apiKey: TEST_API_KEY,
      createChunkHandler: () => {
        const slot = counts.push(0) - 1;
        return () => {
          counts[slot] = (counts[slot] ?? 0) + 1;
        };
      },
    });
    const client = createClient({ providers: [provider] });
    const first = await client.stream(ask).finalResponse();
    const second = await client.stream(ask).finalResponse();
    expect([first.text, second.text]).toEqual(['one two three', 'four']);
    expect(counts).toHaveLength(2);
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[1]).toBeGreaterThan(0);
  });
});
