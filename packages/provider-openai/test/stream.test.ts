import type { StreamEvent } from '@stratum/core';
import { describe, expect, it } from 'vitest';
import { requestBody, useOpenAISimulator } from './setup-simulator.js';

const setup = useOpenAISimulator();

async function collect(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const collected: StreamEvent[] = [];
  for await (const event of events) collected.push(event);
  return collected;
}

describe('openai stream', () => {
  it('streams text deltas in order, then one finish with usage, asking for usage in the stream', async () => {
    setup.simulator.enqueue({
      kind: 'reply',
      reply: { text: 'One two three four.', usage: { inputTokens: 9, outputTokens: 5 } },
    });
    const events = await collect(
      setup.client.stream({
        model: 'openai/gpt-4.1-mini',
        messages: [{ role: 'user', content: 'Count to four.' }],
      }),
    );
    const deltas = events.flatMap((event) => (event.type === 'text-delta' ? [event.text] : []));
    expect(deltas).toEqual(['One ', 'two ', 'three ', 'four.']);
    expect(events.filter((event) => event.type === 'finish')).toHaveLength(1);
    const finish = events.at(-1);
    if (finish?.type !== 'finish') throw new Error('the last event is not finish');
    expect(finish.response.text).toBe('One two three four.');
    expect(finish.response.id).toMatch(/^chatcmpl-/);
    expect(finish.response.finishReason).toBe('stop');
    expect(finish.response.usage).toMatchObject({
      inputTokens: 9,
      outputTokens: 5,
      totalTokens: 14,
    });
    expect(requestBody(setup.simulator)).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('decodes multi-byte characters cut across network writes', async () => {
    const text = 'Crème brûlée 🍮 — ça coûte 5 €.';
    setup.simulator.enqueue({
      kind: 'reply',
      reply: { text, usage: { inputTokens: 3, outputTokens: 12 } },
      chunkSize: 3,
      splitMultibyte: true,
    });
    const stream = setup.client.stream({
      model: 'openai/gpt-4.1-mini',
      messages: [{ role: 'user', content: 'dessert?' }],
    });
    let streamed = '';
    for await (const piece of stream.textStream) streamed += piece;
    expect(streamed).toBe(text);
  });

  it('keeps every raw chunk with includeRaw and passes request warnings to the response', async () => {
    setup.simulator.enqueue({
      kind: 'reply',
      reply: { text: 'a b', usage: { inputTokens: 1, outputTokens: 2 } },
    });
    const response = await setup.client
      .stream({
        model: 'openai/o3-mini',
        messages: [{ role: 'user', content: 'x' }],
        temperature: 1,
        includeRaw: true,
      })
      .finalResponse();
    // role chunk + 2 content chunks + finish chunk + usage chunk
    expect(response.raw).toHaveLength(5);
    expect(response.warnings).toEqual(
      expect.arrayContaining([expect.objectContaining({ setting: 'temperature' })]),
    );
    expect(requestBody(setup.simulator)).not.toHaveProperty('temperature');
  });

  it('warns when a stream reports no usage', async () => {
    const chunk = (delta: object, finish: string | null) =>
      JSON.stringify({
        id: 'chatcmpl-x',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'gpt-4.1-mini',
        choices: [{ index: 0, delta, finish_reason: finish }],
      });
    setup.simulator.enqueue({
      kind: 'recorded',
      chunks: [chunk({ role: 'assistant', content: 'hi' }, null), chunk({}, 'stop')],
    });
    const response = await setup.client
      .stream({ model: 'openai/gpt-4.1-mini', messages: [{ role: 'user', content: 'x' }] })
      .finalResponse();
    expect(response.text).toBe('hi');
    expect(response.usage.totalTokens).toBe(0);
    expect(response.warnings).toEqual([
      expect.objectContaining({ type: 'other', message: expect.stringMatching(/no usage/) }),
    ]);
  });
});
