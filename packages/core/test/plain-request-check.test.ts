import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { chatRequestSchema, messageSchemas } from '../src/validation/chat-request-schema.js';
import { isPlainRequest } from '../src/validation/is-plain-request.js';
import { validateChatRequest } from '../src/validation/validate-chat-request.js';

const message = { role: 'user', content: 'Hi' };
const values: Record<string, unknown[]> = {
  model: ['openai/gpt-4.1-mini', '', 5, undefined],
  messages: [[message], [], ['text'], [null], [[message]], 'Hi', undefined],
  temperature: [0, 2, 1.5, -0.1, 2.1, Number.NaN, Number.POSITIVE_INFINITY, '1', undefined],
  topP: [0, 1, 0.5, 1.1, -1, undefined],
  maxOutputTokens: [1, 100, 0, 1.5, -3, '10', undefined],
  seed: [0, -4, 2.5, Number.MAX_SAFE_INTEGER + 2, undefined],
  includeRaw: [true, 'yes', undefined],
  cache: [undefined, true, { ttlMs: 5 }],
  metadata: [undefined, { team: 'a' }, 'a'],
};

/** Every combination of one field's value with the others at their first (valid) value. */
function* variants(): Generator<Record<string, unknown>> {
  const first = Object.fromEntries(Object.entries(values).map(([key, list]) => [key, list[0]]));
  for (const [key, list] of Object.entries(values)) {
    for (const value of list) yield { ...first, [key]: value };
  }
}

describe('the plain-request fast path', () => {
  it('accepts only requests the schema accepts', () => {
    let taken = 0;
    for (const request of variants()) {
      const schemaAccepts = v.safeParse(chatRequestSchema, request).success;
      if (isPlainRequest(request)) {
        taken += 1;
        expect(schemaAccepts, JSON.stringify(request)).toBe(true);
      }
    }
    // The fast path must actually serve the common requests.
    expect(taken).toBeGreaterThan(10);
  });

  it('leaves class instances and inherited fields to the schema', () => {
    class Request {
      model = 'openai/gpt-4.1-mini';
      messages = [message];
      get temperature(): number {
        return 7;
      }
    }
    expect(isPlainRequest(new Request())).toBe(false);
    expect(() => validateChatRequest(new Request())).toThrow(/temperature/);
    const inherited = Object.assign(Object.create({ temperature: 9 }), {
      model: 'openai/gpt-4.1-mini',
      messages: [message],
    });
    expect(() => validateChatRequest(inherited)).toThrow(/temperature/);
  });

  it('checks the messages of a plain request like any other', () => {
    for (const bad of [
      { role: 'user', content: 5 },
      { role: 'robot', content: 'Hi' },
      { content: 'Hi' },
    ]) {
      expect(() =>
        validateChatRequest({ model: 'openai/gpt-4.1-mini', messages: [message, bad] }),
      ).toThrow(/messages\[1\]/);
    }
  });

  it('passes plain text messages that the role schemas accept', () => {
    for (const role of ['user', 'system', 'assistant'] as const) {
      const plain = { role, content: 'text' };
      expect(v.safeParse(messageSchemas[role], plain).success).toBe(true);
      expect(() => validateChatRequest({ model: 'm/x', messages: [plain] })).not.toThrow();
    }
  });
});
