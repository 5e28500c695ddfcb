import { describe, expect, it } from 'vitest';
import type { ContractHarness } from './contract-harness.js';
import type { ContractSubject } from './contract-subject.js';

export function describeConversationContract(
  subject: ContractSubject,
  harness: ContractHarness,
): void {
  const model = subject.model;

  describe('conversation', () => {
    it('returns text, a normalized finish reason and usage', async () => {
      harness.simulator.enqueue({
        kind: 'reply',
        reply: { text: 'Hello there, friend.', usage: { inputTokens: 12, outputTokens: 5 } },
      });
      const response = await harness.client.chat({
        model,
        messages: [{ role: 'user', content: 'Say hello' }],
      });
      expect(response.text).toBe('Hello there, friend.');
      expect(response.finishReason).toBe('stop');
      expect(response.provider).toBe(subject.provider);
      expect(response.usage).toMatchObject({ inputTokens: 12, outputTokens: 5, totalTokens: 17 });
      expect(response.latencyMs).toBeGreaterThan(0);
      expect(harness.summary().turns.map((turn) => [turn.role, turn.text])).toEqual([
        ['user', 'Say hello'],
      ]);
    });

    it('streams text deltas that add up to the final response', async () => {
      const text = 'One two three four five six seven.';
      harness.simulator.enqueue({
        kind: 'reply',
        reply: { text, usage: { inputTokens: 8, outputTokens: 9 } },
        chunkSize: 4,
      });
      const stream = harness.client.stream({
        model,
        messages: [{ role: 'user', content: 'Count' }],
      });
      const deltas: string[] = [];
      for await (const delta of stream.textStream) deltas.push(delta);
      const response = await stream.finalResponse();
      expect(deltas.length).toBeGreaterThan(3);
      expect(deltas.join('')).toBe(text);
      expect(response.text).toBe(text);
      expect(response.usage).toMatchObject({ inputTokens: 8, outputTokens: 9, totalTokens: 17 });
    });

    it('sends the system prompt the way the vendor expects', async () => {
      harness.simulator.enqueue({ kind: 'reply', reply: { text: 'Ahoy.' } });
      await harness.client.chat({
        model,
        messages: [
          { role: 'system', content: 'You are a pirate.' },
          { role: 'user', content: 'Greet me' },
        ],
      });
      const summary = harness.summary();
      expect(summary.system).toBe('You are a pirate.');
      expect(summary.turns.map((turn) => turn.role)).toEqual(['user']);
    });

    it('keeps a multi-turn conversation in order', async () => {
      harness.simulator.enqueue({ kind: 'reply', reply: { text: 'Blue.' } });
      const response = await harness.client.chat({
        model,
        messages: [
          { role: 'user', content: 'Remember: my favourite colour is blue.' },
          { role: 'assistant', content: 'Noted.' },
          { role: 'user', content: 'What is my favourite colour?' },
        ],
      });
      expect(response.text).toBe('Blue.');
      expect(harness.summary().turns.map((turn) => [turn.role, turn.text])).toEqual([
        ['user', 'Remember: my favourite colour is blue.'],
        ['assistant', 'Noted.'],
        ['user', 'What is my favourite colour?'],
      ]);
    });

    it('handles an empty reply in chat and stream', async () => {
      harness.simulator.enqueue(
        { kind: 'reply', reply: { text: '' } },
        { kind: 'reply', reply: { text: '' } },
      );
      const response = await harness.client.chat({
        model,
        messages: [{ role: 'user', content: 'Say nothing' }],
      });
      expect(response.text).toBe('');
      expect(response.toolCalls).toEqual([]);
      const events = [];
      for await (const event of harness.client.stream({
        model,
        messages: [{ role: 'user', content: 'Say nothing' }],
      }))
        events.push(event.type);
      expect(events.filter((type) => type === 'text-delta')).toEqual([]);
      expect(events.at(-1)).toBe('finish');
    });

    it('decodes multi-byte characters split across network chunks', async () => {
      const text = 'Grüße, 世界! Emoji: 🌍🚀 café';
      harness.simulator.enqueue({
        kind: 'reply',
        reply: { text },
        chunkSize: 3,
        splitMultibyte: true,
      });
      const stream = harness.client.stream({
        model,
        messages: [{ role: 'user', content: 'Unicode please' }],
      });
      let received = '';
      for await (const delta of stream.textStream) received += delta;
      expect(received).toBe(text);
    });

    if (subject.unsupportedSetting) {
      const { request, setting } = subject.unsupportedSetting;
      it(`reports the unsupported setting "${setting}" as a warning`, async () => {
        harness.simulator.enqueue({ kind: 'reply', reply: { text: 'ok' } });
        const response = await harness.client.chat({
          model,
          messages: [{ role: 'user', content: 'hi' }],
          ...request,
        });
        expect(response.warnings).toContainEqual(
          expect.objectContaining({ type: 'unsupported-setting', setting }),
        );
      });
    }
  });
}
