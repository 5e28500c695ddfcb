import { createClient, registerModel } from '@stratum/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOpenAICompatible } from '../src/index.js';
import { isRecord, readFixture, TEST_API_KEY, useOpenAISimulator } from './setup-simulator.js';

const setup = useOpenAISimulator();

/** The recorded stream's chunk lines; the files hold one JSON chunk per line. */
async function recordedChunks(name: string): Promise<string[]> {
  return (await readFixture(name)).split('\n').filter((line) => line.trim() !== '');
}

/** The text of recorded chunks, read straight from their JSON (not through the provider). */
function textOf(chunks: string[]): string {
  let text = '';
  for (const line of chunks) {
    const chunk: unknown = JSON.parse(line);
    if (!isRecord(chunk) || !Array.isArray(chunk['choices'])) continue;
    const choice: unknown = chunk['choices'][0];
    if (!isRecord(choice) || !isRecord(choice['delta'])) continue;
    const content = choice['delta']['content'];
    if (typeof content === 'string') text += content;
  }
  return text;
}

beforeAll(() => {
  // gpt-4.1-nano's published prices: input $0.10/M, cached input $0.025/M, output $0.40/M.
  registerModel({
    id: 'openai/gpt-4.1-nano',
    pricing: { input: 0.1, cacheRead: 0.025, output: 0.4 },
  });
});

describe('recorded OpenAI responses, replayed', () => {
  it('openai-text.json: a gpt-4.1-nano answer', async () => {
    const json = await readFixture('openai-text.json');
    setup.simulator.enqueue({ kind: 'recorded', json });
    const response = await setup.client.chat({
      model: 'openai/gpt-4.1-nano',
      messages: [{ role: 'user', content: 'Invent a new holiday and describe its traditions.' }],
    });
    const recorded: unknown = JSON.parse(json);
    if (!isRecord(recorded) || !Array.isArray(recorded['choices'])) throw new Error('bad fixture');
    expect(response.text).toBe(recorded['choices'][0].message.content);
    expect(response.text.startsWith('**Holiday Name:** Galaxy Day')).toBe(true);
    expect(response.id).toBe('chatcmpl-D8Z5f52zQqikDBEKQMQoYcWMcWPeU');
    expect(response.model).toBe('gpt-4.1-nano-2025-04-14');
    expect(response.finishReason).toBe('stop');
    expect(response.usage).toEqual({
      inputTokens: 16,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 363,
      reasoningTokens: 0,
      totalTokens: 379,
    });
    // 16 × $0.10/M = $0.0000016; 363 × $0.40/M = $0.0001452; total $0.0001468.
    expect(response.cost?.total).toBe(0.0001468);
  });

  it('openai-text.chunks.txt: the same model, streamed in 303 chunks', async () => {
    const chunks = await recordedChunks('openai-text.chunks.txt');
    expect(chunks).toHaveLength(303);
    setup.simulator.enqueue({ kind: 'recorded', chunks });
    let deltas = 0;
    const stream = setup.client.stream({
      model: 'openai/gpt-4.1-nano',
      messages: [{ role: 'user', content: 'Invent a new holiday and describe its traditions.' }],
    });
    for await (const event of stream) if (event.type === 'text-delta') deltas += 1;
    const response = await stream.finalResponse();
    expect(response.text).toBe(textOf(chunks));
    expect(response.text).toHaveLength(1724);
    expect(response.text.startsWith('**Holiday Name:** Harmony Day')).toBe(true);
    // 303 chunks: the role chunk (empty content), 300 content chunks, finish, usage.
    expect(deltas).toBe(300);
    expect(response.id).toBe('chatcmpl-D8Z5oo6uDh67AD85p73ksdT1KxhE0');
    expect(response.finishReason).toBe('stop');
    expect(response.usage).toMatchObject({ inputTokens: 16, outputTokens: 300, totalTokens: 316 });
    // 16 × $0.10/M = $0.0000016; 300 × $0.40/M = $0.00012; total $0.0001216.
    expect(response.cost?.total).toBe(0.0001216);
  });

  it('qwen-plus tool call through createOpenAICompatible', async () => {
    setup.simulator.enqueue({
      kind: 'recorded',
      json: await readFixture('qwen-plus-normalized-replayed-tool-arguments-success.json'),
    });
    const qwen = createOpenAICompatible({
      name: 'qwen',
      baseURL: setup.simulator.baseURL,
      apiKey: TEST_API_KEY,
    });
    const response = await createClient({ providers: [qwen] }).chat({
      model: 'qwen/qwen-plus',
      messages: [{ role: 'user', content: 'Label A1:B10' }],
      tools: [
        {
          name: 'set_cell_range',
          parameters: { type: 'object', properties: { label: { type: 'string' } } },
        },
      ],
    });
    expect(response.text).toBe('');
    expect(response.finishReason).toBe('tool-calls');
    expect(response.toolCalls).toEqual([
      {
        id: 'call_48dc828f33d7473fa345dd',
        name: 'set_cell_range',
        arguments: { label: 'A1:B10' },
        rawArguments: '{"label": "A1:B10"}',
      },
    ]);
    expect(response.usage).toMatchObject({
      inputTokens: 202,
      cacheReadTokens: 0,
      outputTokens: 24,
      totalTokens: 226,
    });
  });
});
