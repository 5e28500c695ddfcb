import type { StreamEvent } from '@stratum/core';
import { geminiBlockedPromptStep } from '@stratum/testing';
import { describe, expect, it } from 'vitest';
import { failure, useGoogle } from './harness.js';

const harness = useGoogle();
const MODEL = 'google/gemini-2.5-flash';

async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe('streamGenerateContent', () => {
  it('streams text deltas over SSE and finishes with the last chunk usage', async () => {
    harness.simulator.enqueue({
      kind: 'reply',
      reply: { text: 'One two three four', usage: { inputTokens: 7, outputTokens: 6 } },
      chunkSize: 4,
    });
    const stream = harness.client.stream({
      model: MODEL,
      messages: [{ role: 'user', content: 'Count' }],
    });
    const events = await collect(stream);
    const deltas = events.flatMap((event) => (event.type === 'text-delta' ? [event.text] : []));
    expect(deltas).toEqual(['One ', 'two ', 'thre', 'e fo', 'ur']);
    const finish = events.at(-1);
    expect(finish?.type).toBe('finish');
    const response = await stream.finalResponse();
    expect(response.text).toBe('One two three four');
    expect(response.finishReason).toBe('stop');
    expect(response.id).toMatch(/^simulated/);
    expect(response.model).toBe('gemini-2.5-flash');
    // Earlier chunks carry running counts; only the last one is the total.
    expect(response.usage).toEqual({
      inputTokens: 7,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 6,
      reasoningTokens: 0,
      totalTokens: 13,
    });
    expect(harness.simulator.requests[0]?.url).toBe(
      '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    );
  });

  it('streams thought parts as reasoning deltas', async () => {
    harness.simulator.enqueue({
      kind: 'reply',
      reply: {
        reasoning: 'First, count the letters.',
        text: 'Three.',
        usage: { inputTokens: 9, outputTokens: 40, reasoningTokens: 30 },
      },
    });
    const stream = harness.client.stream({
      model: MODEL,
      messages: [{ role: 'user', content: 'How many r in strawberry?' }],
      reasoning: { budgetTokens: 2048 },
    });
    const events = await collect(stream);
    expect(
      events.filter((event) => event.type === 'reasoning-delta').map((event) => event.text),
    ).toEqual(['First, ', 'count ', 'the ', 'letters.']);
    const types = events.map((event) => event.type);
    expect(types.lastIndexOf('reasoning-delta')).toBeLessThan(types.indexOf('text-delta'));
    const response = await stream.finalResponse();
    expect(response.reasoning).toBe('First, count the letters.');
    expect(response.text).toBe('Three.');
    expect(response.usage).toMatchObject({ outputTokens: 40, reasoningTokens: 30 });
    expect(harness.body().generationConfig).toEqual({
      thinkingConfig: { includeThoughts: true, thinkingBudget: 2048 },
    });
  });

  it('streams a function call as one argument delta and a complete call', async () => {
    harness.simulator.enqueue({
      kind: 'reply',
      reply: { toolCalls: [{ name: 'get_weather', arguments: { city: 'Reykjavík' } }] },
    });
    const events = await collect(
      harness.client.stream({
        model: MODEL,
        messages: [{ role: 'user', content: 'Weather?' }],
        tools: [
          {
            name: 'get_weather',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
          },
        ],
      }),
    );
    const delta = events.find((event) => event.type === 'tool-call-delta');
    const call = events.find((event) => event.type === 'tool-call');
    expect(delta).toMatchObject({
      index: 0,
      name: 'get_weather',
      argumentsDelta: '{"city":"Reykjavík"}',
    });
    expect(call).toMatchObject({
      toolCall: {
        name: 'get_weather',
        arguments: { city: 'Reykjavík' },
        rawArguments: '{"city":"Reykjavík"}',
      },
    });
    const finish = events.at(-1);
    expect(finish?.type === 'finish' && finish.response.finishReason).toBe('tool-calls');
  });

  it('keeps every raw chunk when includeRaw is set', async () => {
    harness.simulator.enqueue({ kind: 'reply', reply: { text: 'a b' } });
    const response = await harness.client
      .stream({ model: MODEL, messages: [{ role: 'user', content: 'x' }], includeRaw: true })
      .finalResponse();
    expect(response.raw).toEqual([
      expect.objectContaining({
        candidates: [
          expect.objectContaining({ content: { parts: [{ text: 'a ' }], role: 'model' } }),
        ],
      }),
      expect.objectContaining({ candidates: [expect.objectContaining({ finishReason: 'STOP' })] }),
    ]);
  });

  it('sends no delta for an empty reply and still finishes', async () => {
    harness.simulator.enqueue({ kind: 'reply', reply: { text: '' } });
    const events = await collect(
      harness.client.stream({ model: MODEL, messages: [{ role: 'user', content: 'Nothing' }] }),
    );
    expect(events.map((event) => event.type)).toEqual(['finish']);
  });

  it('decodes multi-byte characters cut across network chunks', async () => {
    const text = 'Grüße, 世界! 🌍🚀 café';
    harness.simulator.enqueue({
      kind: 'reply',
      reply: { text },
      chunkSize: 3,
      splitMultibyte: true,
    });
    const stream = harness.client.stream({
      model: MODEL,
      messages: [{ role: 'user', content: 'Unicode' }],
    });
    let received = '';
    for await (const delta of stream.textStream) received += delta;
    expect(received).toBe(text);
  });

  it('aborts mid-stream: the caller gets an AbortError and the simulator sees the connection close', async () => {
    harness.simulator.enqueue({
      kind: 'reply',
      reply: { text: 'word '.repeat(200) },
      chunkSize: 5,
      chunkDelayMs: 15,
    });
    const controller = new AbortController();
    const aborted = harness.simulator.waitForAbort();
    const stream = harness.client.stream({
      model: MODEL,
      messages: [{ role: 'user', content: 'Talk' }],
      signal: controller.signal,
    });
    let deltas = 0;
    const error = await failure(
      (async () => {
        for await (const event of stream) {
          if (event.type === 'text-delta' && ++deltas === 2) controller.abort();
        }
      })(),
    );
    expect(error.code).toBe('abort');
    expect(deltas).toBeLessThan(10);
    await aborted;
    expect(harness.simulator.abortedConnections).toBe(1);
  });

  it('closes the HTTP request when the consumer stops reading early', async () => {
    harness.simulator.enqueue({
      kind: 'reply',
      reply: { text: 'word '.repeat(200) },
      chunkSize: 5,
      chunkDelayMs: 15,
    });
    const aborted = harness.simulator.waitForAbort();
    const stream = harness.client.stream({
      model: MODEL,
      messages: [{ role: 'user', content: 'Talk' }],
    });
    for await (const event of stream) if (event.type === 'text-delta') break;
    await aborted;
    expect(harness.simulator.abortedConnections).toBe(1);
  });
});

describe('stream failures', () => {
  it('a cut connection is a retryable provider_unavailable error', async () => {
    harness.simulator.enqueue({
      kind: 'disconnect',
      reply: { text: 'a b c d e f' },
      afterChunks: 2,
    });
    const stream = harness.client.stream({
      model: MODEL,
      messages: [{ role: 'user', content: 'Talk' }],
    });
    const deltas: string[] = [];
    const error = await failure(
      (async () => {
        for await (const delta of stream.textStream) deltas.push(delta);
      })(),
    );
    expect(deltas).toEqual(['a ', 'b ']);
    expect(error.code).toBe('provider_unavailable');
    expect(error.retryable).toBe(true);
    expect(error.provider).toBe('google');
  });

  it('a malformed chunk is a retryable invalid_response error and closes the stream', async () => {
    harness.simulator.enqueue({
      kind: 'malformed-chunk',
      reply: { text: 'a b c' },
      afterChunks: 1,
    });
    const aborted = harness.simulator.waitForAbort();
    const error = await failure(
      harness.client
        .stream({ model: MODEL, messages: [{ role: 'user', content: 'Talk' }] })
        .finalResponse(),
    );
    expect(error.code).toBe('invalid_response');
    expect(error.retryable).toBe(true);
    // The simulator holds the stream open after the bad chunk: the provider must hang up.
    await aborted;
  });

  it('maps in-stream error events by their google.rpc status', async () => {
    harness.simulator.enqueue(
      {
        kind: 'stream-error',
        reply: { text: 'a b' },
        afterChunks: 1,
        status: 503,
        message: 'The model is overloaded.',
      },
      { kind: 'stream-error', reply: { text: 'a b' }, afterChunks: 1, status: 429 },
    );
    const unavailable = await failure(
      harness.client
        .stream({ model: MODEL, messages: [{ role: 'user', content: 'x' }] })
        .finalResponse(),
    );
    expect(unavailable).toMatchObject({
      code: 'provider_unavailable',
      status: 503,
      vendorCode: 'UNAVAILABLE',
      retryable: true,
    });
    expect(unavailable.message).toContain('The model is overloaded.');
    const limited = await failure(
      harness.client
        .stream({ model: MODEL, messages: [{ role: 'user', content: 'x' }] })
        .finalResponse(),
    );
    expect(limited).toMatchObject({
      code: 'rate_limit',
      status: 429,
      vendorCode: 'RESOURCE_EXHAUSTED',
    });
  });

  it('a stream that ends without a finish reason is reported as cut', async () => {
    harness.simulator.enqueue({
      kind: 'recorded',
      chunks: [
        '{"candidates":[{"content":{"parts":[{"text":"half"}],"role":"model"},"index":0}],"modelVersion":"gemini-2.5-flash","responseId":"r1"}',
      ],
    });
    const error = await failure(
      harness.client
        .stream({ model: MODEL, messages: [{ role: 'user', content: 'x' }] })
        .finalResponse(),
    );
    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('ended before its final event');
  });

  it('a blocked prompt fails the stream with a content_filter error', async () => {
    harness.simulator.enqueue(geminiBlockedPromptStep('PROHIBITED_CONTENT'));
    const error = await failure(
      harness.client
        .stream({ model: MODEL, messages: [{ role: 'user', content: 'x' }] })
        .finalResponse(),
    );
    expect(error).toMatchObject({
      code: 'content_filter',
      vendorCode: 'PROHIBITED_CONTENT',
      retryable: false,
    });
  });

  it('a SAFETY stop after some text fails the stream with a content_filter error', async () => {
    harness.simulator.enqueue({
      kind: 'reply',
      reply: { text: 'Here is how', finishReason: 'content-filter' },
    });
    const stream = harness.client.stream({
      model: MODEL,
      messages: [{ role: 'user', content: 'x' }],
    });
    const deltas: string[] = [];
    const error = await failure(
      (async () => {
        for await (const delta of stream.textStream) deltas.push(delta);
      })(),
    );
    expect(deltas.join('')).toBe('Here is how');
    expect(error).toMatchObject({ code: 'content_filter', vendorCode: 'SAFETY' });
    expect(error.message).toContain('HARM_CATEGORY_DANGEROUS_CONTENT: HIGH');
  });
});
