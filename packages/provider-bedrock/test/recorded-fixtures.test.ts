import { readFileSync } from 'node:fs';
import type { ChatRequest } from '@stratum/core';
import { describe, expect, it } from 'vitest';
import { MODEL, useHarness } from './setup.js';

const harness = useHarness();

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

const ask: ChatRequest = {
  model: MODEL,
  messages: [{ role: 'user', content: 'How many r in strawberry?' }],
};

/** Claude 3.5 Haiku on Bedrock: $0.80 input, $4 output per million tokens, in picodollars. */
const total = (input: number, output: number) =>
  Number(BigInt(input) * 800_000n + BigInt(output) * 4_000_000n) / 1e12;

describe('recorded Bedrock responses (vercel/ai fixtures)', () => {
  it('reads a recorded Converse text response', async () => {
    harness.simulator.enqueue({ kind: 'recorded', json: fixture('amazon-bedrock-text.json') });
    const response = await harness.client.chat(ask);
    expect(harness.simulator.requests[0]?.url).toBe(
      '/model/anthropic.claude-3-5-haiku-20241022-v1%3A0/converse',
    );
    expect(response.text).toBe(
      'Let me count the "r"s in "strawberry":\n\ns-t-**r**-a-w-b-e-**r**-**r**-y\n\nThere are **3** "r"s in "strawberry."',
    );
    expect(response.finishReason).toBe('stop');
    expect(response.rawFinishReason).toBe('end_turn');
    expect(response.usage).toEqual({
      inputTokens: 22,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 57,
      reasoningTokens: 0,
      totalTokens: 79,
    });
    expect(response.cost?.total).toBe(total(22, 57));
    expect(response.cost?.total).toBe(0.0002456);
  });

  it('reads a recorded ConverseStream text stream from binary event-stream frames', async () => {
    harness.simulator.enqueue({
      kind: 'recorded',
      chunks: fixture('amazon-bedrock-text.chunks.txt').split('\n'),
    });
    const stream = harness.client.stream(ask);
    const texts: string[] = [];
    for await (const text of stream.textStream) texts.push(text);
    expect(harness.simulator.requests[0]?.url).toBe(
      '/model/anthropic.claude-3-5-haiku-20241022-v1%3A0/converse-stream',
    );
    expect(texts).toHaveLength(12);
    const response = await stream.finalResponse();
    expect(response.text).toBe(
      'Let me count the "r"s in "strawberry":\n\ns-t-**r**-a-w-b-e-**r**-**r**-y\n\nThere are **3** r\'s in "strawberry."',
    );
    expect(response.finishReason).toBe('stop');
    expect(response.usage).toMatchObject({ inputTokens: 22, outputTokens: 55, totalTokens: 77 });
    expect(response.cost?.total).toBe(total(22, 55));
  });

  it('reads a recorded tool call (Converse)', async () => {
    harness.simulator.enqueue({
      kind: 'recorded',
      json: fixture('amazon-bedrock-tool-call.1.json'),
    });
    const response = await harness.client.chat(ask);
    expect(response.finishReason).toBe('tool-calls');
    expect(response.toolCalls).toEqual([
      {
        id: 'tool-use-id',
        name: 'bash',
        arguments: { command: 'ls -l' },
        rawArguments: '{"command":"ls -l"}',
      },
    ]);
    expect(response.usage).toMatchObject({ inputTokens: 10, outputTokens: 20 });
    expect(response.cost?.total).toBe(total(10, 20));
  });

  it('reads a recorded streamed tool call whose usage comes before messageStop', async () => {
    harness.simulator.enqueue({
      kind: 'recorded',
      chunks: fixture('amazon-bedrock-tool-call.1.chunks.txt').split('\n'),
    });
    const stream = harness.client.stream(ask);
    const deltas: string[] = [];
    for await (const event of stream)
      if (event.type === 'tool-call-delta') deltas.push(event.argumentsDelta);
    const response = await stream.finalResponse();
    expect(deltas.join('')).toBe('{"value":"Sparkle Day"}');
    expect(response.toolCalls).toEqual([
      {
        id: 'tool-use-id',
        name: 'test-tool',
        arguments: { value: 'Sparkle Day' },
        rawArguments: '{"value":"Sparkle Day"}',
      },
    ]);
    expect(response.finishReason).toBe('tool-calls');
    expect(response.usage).toMatchObject({ inputTokens: 125, outputTokens: 45, totalTokens: 170 });
    expect(response.cost?.total).toBe(total(125, 45));
  });

  it('reads a recorded text-then-tool response with empty input', async () => {
    harness.simulator.enqueue({
      kind: 'recorded',
      json: fixture('amazon-bedrock-tool-no-args.json'),
    });
    const response = await harness.client.chat(ask);
    expect(response.text).toBe("I'll update the issue list for you.");
    expect(response.toolCalls).toEqual([
      { id: 'tool-use-id', name: 'updateIssueList', arguments: {}, rawArguments: '{}' },
    ]);
    expect(response.usage).toMatchObject({ inputTokens: 100, outputTokens: 25 });
  });
});
