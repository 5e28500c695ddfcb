import type { ChatRequest } from '@stratum/core';
import { type AnthropicStopReason, anthropicReply } from '@stratum/testing';
import { describe, expect, it } from 'vitest';
import { collect, MODEL, useHarness } from './setup.js';

const harness = useHarness();

const ask = (extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model: MODEL,
  messages: [{ role: 'user', content: 'Hello' }],
  ...extra,
});

// 10,000 prompt tokens: 1,000 uncached + 3,000 written to the cache + 6,000 read from it.
const CACHED_USAGE = {
  inputTokens: 10_000,
  cacheWriteTokens: 3_000,
  cacheReadTokens: 6_000,
  outputTokens: 500,
};
// Claude Sonnet 4.5 at $3 / $15 / $3.75 (cache write) / $0.30 (cache read) per million tokens:
//   input       1,000 × $3.00 / 1M = $0.003
//   cache write 3,000 × $3.75 / 1M = $0.01125
//   cache read  6,000 × $0.30 / 1M = $0.0018
//   output        500 × $15.0 / 1M = $0.0075
//   total                          = $0.02355
const EXPECTED_COST = {
  currency: 'USD',
  input: 0.003,
  cacheWrite: 0.01125,
  cacheRead: 0.0018,
  output: 0.0075,
  reasoning: 0,
  total: 0.02355,
  source: 'catalog',
};

describe('responses: text, usage and cost', () => {
  it('returns text, id and model, with the vendor body on raw when asked', async () => {
    harness.simulator.enqueue({
      kind: 'reply',
      reply: { text: 'Hi! How can I help?', model: 'claude-sonnet-4-5-20250929' },
    });
    const response = await harness.client.chat(ask({ includeRaw: true }));
    expect(response.text).toBe('Hi! How can I help?');
    expect(response.id).toMatch(/^msg_01/);
    expect(response.provider).toBe('anthropic');
    expect(response.model).toBe('claude-sonnet-4-5-20250929');
    expect(response.modelId).toBe(MODEL);
    expect(response.raw).toMatchObject({
      id: response.id,
      type: 'message',
      stop_reason: 'end_turn',
    });
    expect(response.warnings).toEqual([]);
  });

  it('leaves raw out unless includeRaw is set', async () => {
    const response = await harness.client.chat(ask());
    expect(response.raw).toBeUndefined();
  });

  it('maps usage with cache writes and reads, and prices it to the dollar', async () => {
    harness.simulator.enqueue({ kind: 'reply', reply: { text: 'ok', usage: CACHED_USAGE } });
    const response = await harness.client.chat(ask());
    // Anthropic reported input_tokens 1,000; Stratum's inputTokens adds the cache counters back.
    expect(response.usage).toEqual({
      inputTokens: 10_000,
      cacheWriteTokens: 3_000,
      cacheReadTokens: 6_000,
      outputTokens: 500,
      reasoningTokens: 0,
      totalTokens: 10_500,
    });
    expect(response.cost).toEqual(EXPECTED_COST);
  });

  it('maps stream usage from message_start and message_delta to the same cost', async () => {
    harness.simulator.enqueue({
      kind: 'reply',
      reply: { text: 'streamed ok', usage: CACHED_USAGE },
    });
    const stream = harness.client.stream(ask());
    const response = await stream.finalResponse();
    expect(response.text).toBe('streamed ok');
    expect(response.usage).toEqual({
      inputTokens: 10_000,
      cacheWriteTokens: 3_000,
      cacheReadTokens: 6_000,
      outputTokens: 500,
      reasoningTokens: 0,
      totalTokens: 10_500,
    });
    expect(response.cost).toEqual(EXPECTED_COST);
  });

  it('prices a call without cache use: 1,200 in at $3/M + 80 out at $15/M = $0.0048', async () => {
    harness.simulator.enqueue({
      kind: 'reply',
      reply: { text: 'ok', usage: { inputTokens: 1_200, outputTokens: 80 } },
    });
    const response = await harness.client.chat(ask());
    // 1,200 × 3 / 1M = 0.0036; 80 × 15 / 1M = 0.0012; total 0.0048.
    expect(response.cost?.input).toBe(0.0036);
    expect(response.cost?.output).toBe(0.0012);
    expect(response.cost?.total).toBe(0.0048);
  });

  it('streams text deltas in order with the response id from message_start', async () => {
    harness.simulator.enqueue({ kind: 'reply', reply: { text: 'one two three four' } });
    const events = await collect(harness.client.stream(ask()));
    const texts = events.flatMap((event) => (event.type === 'text-delta' ? [event.text] : []));
    expect(texts).toEqual(['one ', 'two ', 'three ', 'four']);
    const finish = events.at(-1);
    if (finish?.type !== 'finish') throw new Error('no finish');
    expect(finish.response.id).toMatch(/^msg_01/);
    expect(finish.response.finishReason).toBe('stop');
    expect(events.filter((event) => event.type === 'finish')).toHaveLength(1);
  });

  it('keeps the raw stream events on raw when includeRaw is set', async () => {
    harness.simulator.enqueue({ kind: 'reply', reply: { text: 'raw please' } });
    const response = await harness.client.stream(ask({ includeRaw: true })).finalResponse();
    expect(Array.isArray(response.raw)).toBe(true);
    const types = Array.isArray(response.raw)
      ? response.raw.map((event: { type?: string }) => event.type)
      : [];
    expect(types[0]).toBe('message_start');
    expect(types.at(-1)).toBe('message_stop');
    expect(types).not.toContain('ping');
  });
});

describe('responses: stop reasons', () => {
  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['tool_use', 'tool-calls'],
    ['refusal', 'content-filter'],
    ['pause_turn', 'other'],
  ] as const)(
    'maps %s to %s and keeps the raw value (chat and stream)',
    async (stopReason: AnthropicStopReason, finishReason) => {
      const reply = anthropicReply({ text: 'partial answer', stopReason });
      harness.simulator.enqueue({ kind: 'reply', reply }, { kind: 'reply', reply });
      const chat = await harness.client.chat(ask());
      expect(chat.finishReason).toBe(finishReason);
      expect(chat.rawFinishReason).toBe(stopReason);
      const streamed = await harness.client.stream(ask()).finalResponse();
      expect(streamed.finishReason).toBe(finishReason);
      expect(streamed.rawFinishReason).toBe(stopReason);
    },
  );
});
