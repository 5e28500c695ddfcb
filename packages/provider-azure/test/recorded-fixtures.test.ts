import { readFile } from 'node:fs/promises';
import { createClient, registerModel } from '@stratum/core';
import { type OpenAISimulator, startAzureSimulator } from '@stratum/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAzure } from '../src/index.js';

let simulator: OpenAISimulator;

beforeAll(async () => {
  simulator = await startAzureSimulator();
  // Azure's list price for GPT-4 (8K): $30/M input, $60/M output; pinned.
  registerModel({ id: 'azure/gpt-4', pricing: { input: 30, output: 60 } });
});
afterAll(() => simulator.close());

describe('recorded Azure OpenAI responses, replayed', () => {
  it('azure-text.chunks.txt: skips the prompt_filter_results chunk and the offsets chunk', async () => {
    const text = await readFile(
      new URL('./fixtures/azure-text.chunks.txt', import.meta.url),
      'utf8',
    );
    const chunks = text.split('\n').filter((line) => line.trim() !== '');
    expect(chunks).toHaveLength(7);
    simulator.enqueue({ kind: 'recorded', chunks });
    const client = createClient({
      providers: [createAzure({ apiKey: 'azure-test-key-0123456789', endpoint: simulator.origin })],
    });
    const deltas: string[] = [];
    const stream = client.stream({
      model: 'azure/gpt-4',
      messages: [{ role: 'user', content: 'Hello' }],
    });
    for await (const event of stream) if (event.type === 'text-delta') deltas.push(event.text);
    const response = await stream.finalResponse();
    expect(deltas).toEqual(['Hello', ' World']);
    expect(response.text).toBe('Hello World');
    // The first chunk has an empty id and model; the id comes from the first real chunk.
    expect(response.id).toBe('chatcmpl-test');
    expect(response.model).toBe('gpt-4');
    expect(response.finishReason).toBe('stop');
    expect(response.usage).toEqual({
      inputTokens: 15,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 5,
      reasoningTokens: 0,
      totalTokens: 20,
    });
    // 15 × $30/M = $0.00045; 5 × $60/M = $0.0003; total $0.00075.
    expect(response.cost?.total).toBe(0.00075);
  });
});
