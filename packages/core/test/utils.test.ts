import { describe, expect, it } from 'vitest';
import {
  contentToText,
  createUsage,
  findToolName,
  InvalidResponseError,
  type Message,
  parseToolArguments,
  ToolCallAssembler,
} from '../src/index.js';

describe('createUsage', () => {
  it('fills missing counts with 0 and totals input plus output', () => {
    expect(
      createUsage({
        inputTokens: 120,
        cacheReadTokens: 100,
        outputTokens: 30,
        reasoningTokens: null,
      }),
    ).toEqual({
      inputTokens: 120,
      cacheReadTokens: 100,
      cacheWriteTokens: 0,
      outputTokens: 30,
      reasoningTokens: 0,
      totalTokens: 150,
    });
  });
});

describe('ToolCallAssembler', () => {
  it('assembles arguments that arrive in pieces, per index, and completes them in order', () => {
    const assembler = new ToolCallAssembler('openai');
    expect(assembler.append(1, { id: 'call_b', name: 'now', arguments: '' })).toEqual({
      type: 'tool-call-delta',
      index: 1,
      id: 'call_b',
      name: 'now',
      argumentsDelta: '',
    });
    assembler.append(0, { id: 'call_a', name: 'get_weather', arguments: '{"ci' });
    // Later pieces carry no id or name (OpenAI sends them once).
    expect(assembler.append(0, { arguments: 'ty":"Paris"}' })).toMatchObject({
      id: 'call_a',
      name: 'get_weather',
    });
    expect(assembler.has(0)).toBe(true);
    expect(assembler.completeAll()).toEqual([
      {
        id: 'call_a',
        name: 'get_weather',
        arguments: { city: 'Paris' },
        rawArguments: '{"city":"Paris"}',
      },
      { id: 'call_b', name: 'now', arguments: {}, rawArguments: '' },
    ]);
    expect(assembler.has(0)).toBe(false);
  });

  it('raises a retryable InvalidResponseError for arguments that are not JSON', () => {
    const assembler = new ToolCallAssembler('anthropic');
    assembler.append(0, { id: 'toolu_1', name: 'search', arguments: '{"q": ' });
    const error = (() => {
      try {
        assembler.complete(0);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ provider: 'anthropic', retryable: true });
    expect(() => parseToolArguments('nope', 'search', 'openai')).toThrow(
      /tool "search" that are not valid JSON/,
    );
  });
});

describe('content helpers', () => {
  it('joins text parts and finds a tool call’s name from earlier messages', () => {
    expect(
      contentToText([{ type: 'text', text: 'a' }, { type: 'image' }, { type: 'text', text: 'b' }]),
    ).toBe('ab');
    const messages: Message[] = [
      {
        role: 'assistant',
        content: [{ type: 'tool-call', id: 'call_1', name: 'lookup', arguments: {} }],
      },
      { role: 'tool', toolCallId: 'call_1', content: '42' },
    ];
    expect(findToolName(messages, 'call_1')).toBe('lookup');
    expect(findToolName(messages, 'call_2')).toBeUndefined();
  });
});
