import type { StreamEvent } from '@stratum/core';
import { describe, expect, it } from 'vitest';
import { fixture, fixtureChunks, useGoogle } from './harness.js';

/** Real Gemini responses (gemini-3-pro-preview), replayed byte for byte; see fixtures/SOURCE.md. */
const harness = useGoogle();
const MODEL = 'google/gemini-3-pro-preview';

async function streamed(name: string) {
  harness.simulator.enqueue({ kind: 'recorded', chunks: fixtureChunks(name) });
  const stream = harness.client.stream({
    model: MODEL,
    messages: [{ role: 'user', content: 'q' }],
  });
  const events: StreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return { events, response: await stream.finalResponse() };
}

describe('recorded generateContent bodies', () => {
  it('google-text.json: text with its signature, usage with thoughts', async () => {
    harness.simulator.enqueue({ kind: 'recorded', json: fixture('google-text.json') });
    const response = await harness.client.chat({
      model: MODEL,
      messages: [{ role: 'user', content: 'q' }],
    });
    expect(response.text).toBe(
      "There are **3** r's in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.",
    );
    expect(response.id).toBe('Un6LacrVMcjUxs0PmJfWoQc');
    expect(response.model).toBe('gemini-3-pro-preview');
    expect(response.finishReason).toBe('stop');
    // promptTokenCount 9; candidatesTokenCount 28 + thoughtsTokenCount 244 = 272 output.
    expect(response.usage).toEqual({
      inputTokens: 9,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 272,
      reasoningTokens: 244,
      totalTokens: 281,
    });
    expect(response.usage.totalTokens).toBe(281); // Gemini's own totalTokenCount
    expect(response.content[0]).toMatchObject({
      type: 'text',
      providerOptions: { google: { thoughtSignature: expect.stringMatching(/^EtoFCtcFAb4/) } },
    });
  });

  it('google-tool-call.json: a function call with a generated id and its signature', async () => {
    harness.simulator.enqueue({ kind: 'recorded', json: fixture('google-tool-call.json') });
    const response = await harness.client.chat({
      model: MODEL,
      messages: [{ role: 'user', content: 'q' }],
    });
    expect(response.toolCalls).toEqual([
      {
        id: expect.stringMatching(/^call_/),
        name: 'weather',
        arguments: { location: 'San Francisco' },
        rawArguments: '{"location":"San Francisco"}',
      },
    ]);
    expect(response.finishReason).toBe('tool-calls');
    expect(response.rawFinishReason).toBe('STOP');
    expect(response.usage).toMatchObject({
      inputTokens: 29,
      outputTokens: 908,
      reasoningTokens: 893,
    });
    expect(response.content[0]).toMatchObject({
      providerOptions: { google: { thoughtSignature: expect.stringMatching(/^EskgCsYgAb4/) } },
    });
  });
});

describe('recorded streams', () => {
  it('google-text.chunks.txt: text deltas, usage from the last chunk', async () => {
    const { events, response } = await streamed('google-text.chunks.txt');
    expect(
      events.filter((event) => event.type === 'text-delta').map((event) => event.text),
    ).toEqual(['There are **3**', ' "r"s in strawberry.\n\nst**r**awbe**rr**y']);
    expect(response.text).toBe('There are **3** "r"s in strawberry.\n\nst**r**awbe**rr**y');
    expect(response.id).toBe('bH6LaZW8Fp_3nsEPqtaSwQ4');
    // Last chunk: prompt 9, candidates 23, thoughts 185.
    expect(response.usage).toMatchObject({
      inputTokens: 9,
      outputTokens: 208,
      reasoningTokens: 185,
      totalTokens: 217,
    });
  });

  it('google-reasoning.chunks.txt: thinking tokens without thought text', async () => {
    const { response } = await streamed('google-reasoning.chunks.txt');
    expect(response.text).toBe(
      'There are **3** "r"s in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.',
    );
    expect(response.reasoning).toBeUndefined();
    expect(response.usage).toMatchObject({
      inputTokens: 9,
      outputTokens: 285,
      reasoningTokens: 256,
      totalTokens: 294,
    });
  });

  it('google-reasoning-gemini3.chunks.txt', async () => {
    const { response } = await streamed('google-reasoning-gemini3.chunks.txt');
    expect(response.text).toBe('There are **3** "r"s in strawberry.\n\nSt**r**awbe**rr**y');
    expect(response.usage).toMatchObject({
      inputTokens: 9,
      outputTokens: 325,
      reasoningTokens: 302,
      totalTokens: 334,
    });
    expect(response.finishReason).toBe('stop');
  });

  it('google-tool-call-gemini3.chunks.txt: the call, and its signature sent back next turn', async () => {
    const { events, response } = await streamed('google-tool-call-gemini3.chunks.txt');
    const calls = events.filter((event) => event.type === 'tool-call');
    expect(calls).toEqual([
      {
        type: 'tool-call',
        toolCall: {
          id: expect.stringMatching(/^call_/),
          name: 'weather',
          arguments: { location: 'San Francisco' },
          rawArguments: '{"location":"San Francisco"}',
        },
      },
    ]);
    expect(response.finishReason).toBe('tool-calls');
    expect(response.usage).toMatchObject({
      inputTokens: 29,
      outputTokens: 819,
      reasoningTokens: 804,
      totalTokens: 848,
    });

    const [call] = response.toolCalls;
    await harness.client.chat({
      model: MODEL,
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: response.content },
        { role: 'tool', toolCallId: call?.id ?? '', content: '{"temperature":72}' },
      ],
    });
    const contents = harness.body().contents as Array<{ parts: Array<Record<string, unknown>> }>;
    const signature = JSON.parse(fixtureChunks('google-tool-call-gemini3.chunks.txt')[0] ?? '{}')
      .candidates[0].content.parts[0].thoughtSignature;
    expect(contents[1]?.parts[0]?.['thoughtSignature']).toBe(signature);
    expect(contents[2]?.parts[0]).toEqual({
      functionResponse: {
        id: call?.id,
        name: 'weather',
        response: { output: { temperature: 72 } },
      },
    });
  });
});
