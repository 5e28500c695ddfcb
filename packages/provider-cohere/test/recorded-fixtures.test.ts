import { readFileSync } from 'node:fs';
import type { ChatRequest } from '@stratum/core';
import { describe, expect, it } from 'vitest';
import { MODEL, useHarness } from './setup.js';

const harness = useHarness();

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

const ask: ChatRequest = { model: MODEL, messages: [{ role: 'user', content: 'Hello' }] };

/** command-r-plus: $2.50 input, $10 output per million tokens; billed_units are what is priced. */
function expectedTotal(input: number, output: number): number {
  return Number(BigInt(input) * 2_500_000n + BigInt(output) * 10_000_000n) / 1e12;
}

describe('recorded Cohere responses (vercel/ai fixtures)', () => {
  it('reads a recorded text response, priced from billed_units', async () => {
    harness.simulator.enqueue({ kind: 'recorded', json: fixture('cohere-text.json') });
    const response = await harness.client.chat({ ...ask, includeRaw: true });
    expect(response.id).toBe('e7592632-1e3d-424f-b129-bd5f9f980f7b');
    expect(response.text).toBe('The capital of France is Paris.');
    expect(response.finishReason).toBe('stop');
    expect(response.rawFinishReason).toBe('COMPLETE');
    // billed_units 12 / 7, not tokens 507 / 10; cached_tokens 448 is not billed apart.
    expect(response.usage).toEqual({
      inputTokens: 12,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 7,
      reasoningTokens: 0,
      totalTokens: 19,
    });
    expect(response.cost?.total).toBe(expectedTotal(12, 7));
    expect(response.cost?.total).toBe(0.0001);
    expect(response.raw).toMatchObject({
      usage: { tokens: { inputTokens: 507, outputTokens: 10 }, cachedTokens: 448 },
    });
  });

  it('reads a recorded text stream', async () => {
    harness.simulator.enqueue({
      kind: 'recorded',
      chunks: fixture('cohere-text.chunks.txt').split('\n'),
    });
    const stream = harness.client.stream(ask);
    const texts: string[] = [];
    for await (const text of stream.textStream) texts.push(text);
    expect(texts).toEqual(['The', ' capital', ' of', ' France', ' is', ' Paris', '.']);
    const response = await stream.finalResponse();
    expect(response.id).toBe('321d178c-2c12-44d3-ae42-2f5510f6b1cc');
    expect(response.text).toBe('The capital of France is Paris.');
    expect(response.finishReason).toBe('stop');
    expect(response.usage).toMatchObject({ inputTokens: 12, outputTokens: 7, totalTokens: 19 });
    expect(response.cost?.total).toBe(0.0001);
  });

  it('reads recorded tool calls with their tool plan', async () => {
    harness.simulator.enqueue({ kind: 'recorded', json: fixture('cohere-tool-call.json') });
    const response = await harness.client.chat(ask);
    expect(response.finishReason).toBe('tool-calls');
    expect(response.rawFinishReason).toBe('TOOL_CALL');
    expect(response.toolCalls).toEqual([
      {
        id: 'weather_dqgshstja6p9',
        name: 'weather',
        arguments: { location: 'San Francisco' },
        rawArguments: '{"location":"San Francisco"}',
      },
      {
        id: 'cityAttractions_dcxfx4myvx68',
        name: 'cityAttractions',
        arguments: { city: 'San Francisco' },
        rawArguments: '{"city":"San Francisco"}',
      },
    ]);
    expect(response.reasoning).toMatch(/^I will use the weather tool/);
    expect(response.content[0]).toMatchObject({
      type: 'reasoning',
      providerOptions: { cohere: { toolPlan: true } },
    });
    expect(response.text).toBe('');
    expect(response.usage).toMatchObject({ inputTokens: 119, outputTokens: 52 });
    expect(response.cost?.total).toBe(expectedTotal(119, 52));
  });

  it('keeps recorded citations on the text they support', async () => {
    harness.simulator.enqueue({ kind: 'recorded', json: fixture('cohere-citations.json') });
    const response = await harness.client.chat(ask);
    expect(response.text).toMatch(/^The key benefits mentioned in this document are:/);
    const text = response.content[0];
    expect(text?.type).toBe('text');
    const citations = text?.providerOptions?.['cohere']?.['citations'];
    expect(Array.isArray(citations) && citations.length).toBe(3);
    expect(citations).toContainEqual(
      expect.objectContaining({
        start: 52,
        end: 71,
        text: 'Automation of tasks',
        sources: [
          expect.objectContaining({
            type: 'document',
            id: 'doc:0',
            document: expect.objectContaining({ title: 'benefits.txt' }),
          }),
        ],
      }),
    );
    // Every citation points at the span of the answer it quotes.
    for (const citation of Array.isArray(citations) ? citations : []) {
      expect(response.text.slice(citation.start, citation.end)).toBe(citation.text);
    }
    expect(response.usage).toMatchObject({ inputTokens: 39, outputTokens: 27 });
  });
});

describe('streamed Cohere citations (the documented stream of the recorded citations)', () => {
  it('keeps streamed citations on the text they support, as the non-streamed response does', async () => {
    harness.simulator.enqueue({ kind: 'recorded', json: fixture('cohere-citations.json') });
    const chatted = await harness.client.chat(ask);
    harness.simulator.enqueue({
      kind: 'recorded',
      chunks: fixture('cohere-citations.chunks.txt').split('\n'),
    });
    const stream = harness.client.stream(ask);
    const texts: string[] = [];
    for await (const text of stream.textStream) texts.push(text);
    // Citation events add no empty text deltas to the public stream.
    expect(texts.every((text) => text.length > 0)).toBe(true);
    const streamed = await stream.finalResponse();
    expect(streamed.id).toBe('68475c80-574b-4c65-98a4-e81cebab5dce');
    expect(streamed.text).toBe(chatted.text);
    expect(streamed.content).toHaveLength(1);
    expect(streamed.content).toEqual(chatted.content);
    const citations = streamed.content[0]?.providerOptions?.['cohere']?.['citations'];
    expect(Array.isArray(citations) && citations.map((citation) => citation.text)).toEqual([
      'Automation of tasks',
      'Better decision-making',
      'Cost reduction',
    ]);
    expect(streamed.usage).toMatchObject({ inputTokens: 39, outputTokens: 27 });
    expect(streamed.cost?.total).toBe(expectedTotal(39, 27));
  });
});
