import { readFileSync } from 'node:fs';
import type { ChatRequest } from '@stratum/core';
import { describe, expect, it } from 'vitest';
import { MODEL, useHarness } from './setup.js';

const harness = useHarness();

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

function chunks(name: string): string[] {
  return fixture(name).split('\n');
}

const ask: ChatRequest = { model: MODEL, messages: [{ role: 'user', content: 'Hello' }] };

describe('recorded Anthropic responses (vercel/ai fixtures)', () => {
  it('reads a recorded text message', async () => {
    harness.simulator.enqueue({ kind: 'recorded', json: fixture('anthropic-text.json') });
    const response = await harness.client.chat(ask);
    expect(response.id).toBe('msg_01VdEjxAP5ahtHKrrRdNBteQ');
    expect(response.model).toBe('claude-sonnet-4-5-20250929');
    expect(response.text).toBe(
      "Hello! I'm doing well, thanks for asking. How are you doing today? Is there anything I can help you with?",
    );
    expect(response.finishReason).toBe('stop');
    expect(response.usage).toEqual({
      inputTokens: 12,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 29,
      reasoningTokens: 0,
      totalTokens: 41,
    });
    // 12 × $3/M + 29 × $15/M = $0.000036 + $0.000435 = $0.000471
    expect(response.cost?.total).toBe(0.000471);
  });

  it('reads a recorded text stream', async () => {
    harness.simulator.enqueue({ kind: 'recorded', chunks: chunks('anthropic-text.chunks.txt') });
    const stream = harness.client.stream(ask);
    const texts: string[] = [];
    for await (const text of stream.textStream) texts.push(text);
    expect(texts).toHaveLength(6);
    const response = await stream.finalResponse();
    expect(response.text).toBe(
      "Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?",
    );
    expect(response.id).toBe('msg_01QC4g3HwBThD4BaNtBckFDJ');
    expect(response.model).toBe('claude-sonnet-4-5-20250929');
    // message_start says input 12 / output 1; message_delta brings output to 30.
    expect(response.usage).toMatchObject({ inputTokens: 12, outputTokens: 30, totalTokens: 42 });
    expect(response.finishReason).toBe('stop');
  });

  it('reads a recorded tool call with no arguments (JSON)', async () => {
    harness.simulator.enqueue({ kind: 'recorded', json: fixture('anthropic-tool-no-args.json') });
    const response = await harness.client.chat(ask);
    expect(response.model).toBe('claude-3-opus-20240229');
    expect(response.text).toContain('Okay, I will update the current issue list:');
    expect(response.toolCalls).toEqual([
      {
        id: 'toolu_01LRmxn9vGM1d2DZSDBowdZ1',
        name: 'updateIssueList',
        arguments: {},
        rawArguments: '{}',
      },
    ]);
    expect(response.finishReason).toBe('tool-calls');
    expect(response.usage).toMatchObject({ inputTokens: 602, outputTokens: 93 });
  });

  it('reads a recorded tool call with no arguments (stream)', async () => {
    harness.simulator.enqueue({
      kind: 'recorded',
      chunks: chunks('anthropic-tool-no-args.chunks.txt'),
    });
    const response = await harness.client.stream(ask).finalResponse();
    expect(response.text).toBe("I'll update the issue list for you.");
    expect(response.toolCalls).toEqual([
      {
        id: 'toolu_01QE1WLsSVp5hy5Q3GmGTmjP',
        name: 'updateIssueList',
        arguments: {},
        rawArguments: '',
      },
    ]);
    expect(response.finishReason).toBe('tool-calls');
    expect(response.rawFinishReason).toBe('tool_use');
    expect(response.usage).toMatchObject({ inputTokens: 565, outputTokens: 48 });
  });

  it('reads a recorded thinking stream with its signature', async () => {
    harness.simulator.enqueue({
      kind: 'recorded',
      chunks: chunks('anthropic-clear-thinking.1.chunks.txt'),
    });
    const response = await harness.client.stream(ask).finalResponse();
    expect(response.reasoning).toBe(
      'The previous result was 925. Now I need to divide that by 5.\n\n925 ÷ 5 = 185',
    );
    expect(response.text).toBe('925 ÷ 5 = 185');
    expect(response.content[0]).toEqual({
      type: 'reasoning',
      text: 'The previous result was 925. Now I need to divide that by 5.\n\n925 ÷ 5 = 185',
      signature: expect.stringMatching(/^EvQBCkYICxgCKkAxhD4N.*BgB$/),
    });
    expect(response.usage).toMatchObject({ inputTokens: 69, outputTokens: 53 });
  });

  it('reads a recorded refusal stream as content-filter', async () => {
    harness.simulator.enqueue({ kind: 'recorded', chunks: chunks('anthropic-refusal.chunks.txt') });
    const response = await harness.client.stream(ask).finalResponse();
    expect(response.text).toBe('');
    expect(response.finishReason).toBe('content-filter');
    expect(response.rawFinishReason).toBe('refusal');
    expect(response.model).toBe('claude-fable-5');
    expect(response.usage).toMatchObject({ inputTokens: 18, outputTokens: 5 });
  });
});
