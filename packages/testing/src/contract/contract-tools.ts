import type { StreamEvent } from '@stratum/core';
import { describe, expect, it } from 'vitest';
import type { ContractHarness } from './contract-harness.js';
import type { ContractSubject } from './contract-subject.js';

const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } },
    required: ['city'],
  },
};

/** A 1x1 transparent PNG. */
const PIXEL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

export function describeToolsContract(subject: ContractSubject, harness: ContractHarness): void {
  const model = subject.model;

  describe('tools and structured output', () => {
    it('returns parallel tool calls with parsed arguments', async () => {
      harness.simulator.enqueue({
        kind: 'reply',
        reply: {
          toolCalls: [
            { id: 'call_paris', name: 'get_weather', arguments: { city: 'Paris', unit: 'c' } },
            { id: 'call_tokyo', name: 'get_weather', arguments: { city: 'Tokyo' } },
          ],
          finishReason: 'tool-calls',
        },
      });
      const response = await harness.client.chat({
        model,
        messages: [{ role: 'user', content: 'Weather in Paris and Tokyo?' }],
        tools: [WEATHER_TOOL],
      });
      expect(response.finishReason).toBe('tool-calls');
      expect(response.toolCalls.map((call) => [call.name, call.arguments])).toEqual([
        ['get_weather', { city: 'Paris', unit: 'c' }],
        ['get_weather', { city: 'Tokyo' }],
      ]);
      expect(response.toolCalls.every((call) => call.id.length > 0)).toBe(true);
      expect(harness.summary().toolNames).toEqual(['get_weather']);
    });

    it('streams tool calls as argument deltas and complete calls', async () => {
      harness.simulator.enqueue({
        kind: 'reply',
        reply: {
          toolCalls: [
            { id: 'call_1', name: 'get_weather', arguments: { city: 'Reykjavík', unit: 'c' } },
          ],
          finishReason: 'tool-calls',
        },
        chunkSize: 5,
      });
      const events: StreamEvent[] = [];
      const stream = harness.client.stream({
        model,
        messages: [{ role: 'user', content: 'Weather?' }],
        tools: [WEATHER_TOOL],
      });
      for await (const event of stream) events.push(event);
      const complete = events.filter((event) => event.type === 'tool-call');
      expect(complete).toHaveLength(1);
      expect(complete[0]).toMatchObject({
        toolCall: { name: 'get_weather', arguments: { city: 'Reykjavík', unit: 'c' } },
      });
      const response = await stream.finalResponse();
      expect(response.toolCalls).toHaveLength(1);
      expect(response.finishReason).toBe('tool-calls');
    });

    it('sends a full tool-result round trip back to the vendor', async () => {
      harness.simulator.enqueue({ kind: 'reply', reply: { text: 'It is 18°C in Paris.' } });
      const response = await harness.client.chat({
        model,
        tools: [WEATHER_TOOL],
        messages: [
          { role: 'user', content: 'Weather in Paris?' },
          {
            role: 'assistant',
            content: [
              {
                type: 'tool-call',
                id: 'call_paris',
                name: 'get_weather',
                arguments: { city: 'Paris' },
              },
            ],
          },
          { role: 'tool', toolCallId: 'call_paris', content: '{"temperature":18}' },
        ],
      });
      expect(response.text).toBe('It is 18°C in Paris.');
      const turns = harness.summary().turns;
      const calls = turns.flatMap((turn) => turn.toolCalls);
      const results = turns.flatMap((turn) => turn.toolResults);
      expect(calls).toEqual([
        expect.objectContaining({ name: 'get_weather', arguments: { city: 'Paris' } }),
      ]);
      expect(results).toHaveLength(1);
      expect(results[0]?.content).toContain('18');
    });

    it('asks for JSON that follows a schema and returns it', async () => {
      const value = { name: 'Ada', languages: ['en', 'fr'] };
      harness.simulator.enqueue({
        kind: 'reply',
        reply: subject.jsonReply?.(value) ?? { text: JSON.stringify(value) },
      });
      const response = await harness.client.chat({
        model,
        messages: [{ role: 'user', content: 'Describe Ada as JSON' }],
        responseFormat: {
          type: 'json-schema',
          name: 'person',
          schema: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              languages: { type: 'array', items: { type: 'string' } },
            },
            required: ['name', 'languages'],
            additionalProperties: false,
          },
        },
      });
      expect(JSON.parse(response.text)).toEqual(value);
      expect(harness.summary().jsonSchema).toBe(true);
    });

    if (subject.features.images) {
      it('sends image input', async () => {
        harness.simulator.enqueue({ kind: 'reply', reply: { text: 'A transparent pixel.' } });
        const response = await harness.client.chat({
          model,
          messages: [
            {
              role: 'user',
              content: [
                { type: 'text', text: 'What is this?' },
                {
                  type: 'image',
                  source: { type: 'base64', data: PIXEL_PNG, mediaType: 'image/png' },
                },
              ],
            },
          ],
        });
        expect(response.text).toBe('A transparent pixel.');
        const turn = harness.summary().turns[0];
        expect(turn?.images).toBe(1);
        expect(turn?.text).toBe('What is this?');
      });
    }
  });
}
