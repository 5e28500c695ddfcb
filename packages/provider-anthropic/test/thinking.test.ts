import { type ChatRequest, InvalidRequestError } from '@stratum/core';
import { anthropicReply } from '@stratum/testing';
import { describe, expect, it } from 'vitest';
import { EFFORT_BUDGETS, JSON_TOOL_NAME } from '../src/index.js';
import { collect, MODEL, NO_THINKING_MODEL, TOOL_JSON_MODEL, useHarness } from './setup.js';

const harness = useHarness();

const ask = (extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model: MODEL,
  messages: [{ role: 'user', content: 'What is 925 / 5?' }],
  ...extra,
});

describe('extended thinking: request', () => {
  it('sends thinking.budget_tokens from reasoning.budgetTokens, max_tokens from the catalog', async () => {
    await harness.client.chat(ask({ reasoning: { budgetTokens: 2048 } }));
    const body = harness.body();
    expect(body['thinking']).toEqual({ type: 'enabled', budget_tokens: 2048 });
    expect(body['max_tokens']).toBe(harness.client.resolveModel(MODEL).info?.maxOutputTokens);
  });

  it.each([
    ['minimal', 1024],
    ['low', 2048],
    ['medium', 8192],
    ['high', 16384],
  ] as const)('maps effort %s to a budget of %i tokens', async (effort, budget) => {
    expect(EFFORT_BUDGETS[effort]).toBe(budget);
    await harness.client.chat(ask({ reasoning: { effort } }));
    expect(harness.body()['thinking']).toEqual({ type: 'enabled', budget_tokens: budget });
  });

  it('shrinks an effort budget to fit an explicit maxOutputTokens', async () => {
    await harness.client.chat(ask({ maxOutputTokens: 3000, reasoning: { effort: 'high' } }));
    expect(harness.body()).toMatchObject({
      max_tokens: 3000,
      thinking: { type: 'enabled', budget_tokens: 2999 },
    });
  });

  it('raises a default max_tokens that the budget would not fit in', async () => {
    // Unknown model: max_tokens would default to 4096, below the 8192 budget; 8192 + 4096 = 12288.
    await harness.client.chat(
      ask({ model: 'anthropic/claude-unlisted-9', reasoning: { budgetTokens: 8192 } }),
    );
    expect(harness.body()).toMatchObject({
      max_tokens: 12_288,
      thinking: { type: 'enabled', budget_tokens: 8192 },
    });
  });

  it('rejects a budget that does not fit an explicit maxOutputTokens, and one below 1024', async () => {
    await expect(
      harness.client.chat(ask({ maxOutputTokens: 1500, reasoning: { budgetTokens: 2048 } })),
    ).rejects.toThrow(/budget \(2048 tokens\) must be below maxOutputTokens \(1500\)/);
    await expect(harness.client.chat(ask({ reasoning: { budgetTokens: 500 } }))).rejects.toThrow(
      InvalidRequestError,
    );
    expect(harness.simulator.requests).toHaveLength(0);
  });

  it('sends thinking disabled for reasoning.enabled false', async () => {
    await harness.client.chat(ask({ reasoning: { enabled: false } }));
    expect(harness.body()['thinking']).toEqual({ type: 'disabled' });
  });

  it('passes providerOptions.anthropic.thinking and effort through', async () => {
    await harness.client.chat(
      ask({ providerOptions: { anthropic: { thinking: { type: 'adaptive' }, effort: 'high' } } }),
    );
    expect(harness.body()).toMatchObject({
      thinking: { type: 'adaptive' },
      output_config: { effort: 'high' },
    });
  });

  it('warns instead of sending thinking to a model without it', async () => {
    const response = await harness.client.chat(
      ask({ model: NO_THINKING_MODEL, reasoning: { budgetTokens: 2048 } }),
    );
    expect(harness.body()).not.toHaveProperty('thinking');
    expect(response.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported-setting', setting: 'reasoning' }),
    ]);
  });

  it('offers the JSON tool without forcing it when thinking is on, and says so', async () => {
    const response = await harness.client.chat(
      ask({
        model: TOOL_JSON_MODEL,
        reasoning: { budgetTokens: 2048 },
        responseFormat: { type: 'json' },
      }),
    );
    expect(harness.body()['tool_choice']).toEqual({ type: 'auto' });
    expect(response.warnings.some((warning) => warning.message.includes(JSON_TOOL_NAME))).toBe(
      true,
    );
  });
});

describe('extended thinking: responses and round trips', () => {
  it('streams thinking as reasoning deltas, keeps the signature and sends it back', async () => {
    harness.simulator.enqueue({
      kind: 'reply',
      reply: {
        reasoning: 'The previous result was 925. 925 ÷ 5 = 185',
        reasoningSignature: 'EqQBCkYIBRgCKkB-signature',
        text: '185',
        usage: { inputTokens: 69, outputTokens: 53, reasoningTokens: 40 },
      },
    });
    const events = await collect(harness.client.stream(ask({ reasoning: { budgetTokens: 2048 } })));
    const reasoning = events.flatMap((event) =>
      event.type === 'reasoning-delta' ? [event.text] : [],
    );
    expect(reasoning.length).toBeGreaterThan(3);
    expect(reasoning.join('')).toBe('The previous result was 925. 925 ÷ 5 = 185');
    const finish = events.at(-1);
    if (finish?.type !== 'finish') throw new Error('no finish event');
    const response = finish.response;
    expect(response.reasoning).toBe('The previous result was 925. 925 ÷ 5 = 185');
    expect(response.text).toBe('185');
    expect(response.content).toEqual([
      {
        type: 'reasoning',
        text: 'The previous result was 925. 925 ÷ 5 = 185',
        signature: 'EqQBCkYIBRgCKkB-signature',
      },
      { type: 'text', text: '185' },
    ]);
    expect(response.usage.reasoningTokens).toBe(40);

    await harness.client.chat(
      ask({
        reasoning: { budgetTokens: 2048 },
        messages: [
          { role: 'user', content: 'What is 925 / 5?' },
          { role: 'assistant', content: response.content },
          { role: 'user', content: 'And divided by 5 again?' },
        ],
      }),
    );
    expect(harness.body(1)['messages']).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'What is 925 / 5?' }] },
      {
        role: 'assistant',
        content: [
          {
            type: 'thinking',
            thinking: 'The previous result was 925. 925 ÷ 5 = 185',
            signature: 'EqQBCkYIBRgCKkB-signature',
          },
          { type: 'text', text: '185' },
        ],
      },
      { role: 'user', content: [{ type: 'text', text: 'And divided by 5 again?' }] },
    ]);
  });

  it('round-trips thinking before a tool call, and redacted thinking, in a tool loop', async () => {
    harness.simulator.enqueue({
      kind: 'reply',
      reply: anthropicReply({
        reasoning: 'I should look it up.',
        reasoningSignature: 'sig-tool',
        redactedThinking: ['ENCRYPTED=='],
        toolCalls: [{ id: 'toolu_t', name: 'lookup', arguments: { q: 'x' } }],
      }),
    });
    const tools = [
      { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } },
    ];
    const first = await harness.client.chat(ask({ tools, reasoning: { budgetTokens: 2048 } }));
    expect(first.content).toEqual([
      { type: 'reasoning', text: 'I should look it up.', signature: 'sig-tool' },
      { type: 'reasoning', text: '', redactedData: 'ENCRYPTED==' },
      expect.objectContaining({
        type: 'tool-call',
        id: 'toolu_t',
        name: 'lookup',
        arguments: { q: 'x' },
      }),
    ]);

    await harness.client.chat(
      ask({
        tools,
        reasoning: { budgetTokens: 2048 },
        messages: [
          { role: 'user', content: 'Find x' },
          { role: 'assistant', content: first.content },
          { role: 'tool', toolCallId: 'toolu_t', content: 'found' },
        ],
      }),
    );
    expect(harness.body(1)['messages']).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Find x' }] },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'I should look it up.', signature: 'sig-tool' },
          { type: 'redacted_thinking', data: 'ENCRYPTED==' },
          { type: 'tool_use', id: 'toolu_t', name: 'lookup', input: { q: 'x' } },
        ],
      },
      {
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: 'toolu_t', content: 'found' }],
      },
    ]);
  });

  it('keeps a streamed redacted block and the thinking block after it apart on the way back', async () => {
    const events = [
      {
        type: 'message_start',
        message: {
          id: 'msg_r',
          type: 'message',
          role: 'assistant',
          model: 'claude-sonnet-4-5',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 10, output_tokens: 1 },
        },
      },
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'redacted_thinking', data: 'REDACTED==' },
      },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'content_block_start',
        index: 1,
        content_block: { type: 'thinking', thinking: '', signature: '' },
      },
      {
        type: 'content_block_delta',
        index: 1,
        delta: { type: 'thinking_delta', thinking: 'visible part' },
      },
      {
        type: 'content_block_delta',
        index: 1,
        delta: { type: 'signature_delta', signature: 'sig-2' },
      },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 2, delta: { type: 'text_delta', text: 'Done.' } },
      { type: 'content_block_stop', index: 2 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { output_tokens: 20 },
      },
      { type: 'message_stop' },
    ];
    harness.simulator.enqueue({
      kind: 'recorded',
      chunks: events.map((event) => JSON.stringify(event)),
    });
    const response = await harness.client
      .stream(ask({ reasoning: { budgetTokens: 2048 } }))
      .finalResponse();
    expect(response.reasoning).toBe('visible part');
    await harness.client.chat(
      ask({
        messages: [
          { role: 'user', content: 'Q' },
          { role: 'assistant', content: response.content },
          { role: 'user', content: 'More' },
        ],
      }),
    );
    expect(harness.body(1)['messages']).toContainEqual({
      role: 'assistant',
      content: [
        { type: 'redacted_thinking', data: 'REDACTED==' },
        { type: 'thinking', thinking: 'visible part', signature: 'sig-2' },
        { type: 'text', text: 'Done.' },
      ],
    });
  });

  it('drops reasoning without a signature (from another model) with a warning', async () => {
    const response = await harness.client.chat(
      ask({
        messages: [
          { role: 'user', content: 'Hi' },
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: 'unsigned thoughts' },
              { type: 'text', text: 'Hello' },
            ],
          },
          { role: 'user', content: 'Go on' },
        ],
      }),
    );
    expect(harness.body()['messages']).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Hello' }] },
      { role: 'user', content: [{ type: 'text', text: 'Go on' }] },
    ]);
    expect(response.warnings).toEqual([
      expect.objectContaining({ type: 'other', message: expect.stringContaining('signature') }),
    ]);
  });
});

describe('extended thinking: several blocks in one stream', () => {
  it('keeps each thinking block apart, with its own signature, and sends both back', async () => {
    const event = (data: Record<string, unknown>) => JSON.stringify(data);
    const chunks = [
      event({
        type: 'message_start',
        message: {
          id: 'msg_two',
          type: 'message',
          role: 'assistant',
          model: 'claude-sonnet-4-5',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 20, output_tokens: 1 },
        },
      }),
      event({
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'thinking', thinking: '', signature: '' },
      }),
      event({
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'thinking_delta', thinking: 'First thought.' },
      }),
      event({
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'signature_delta', signature: 'sig-one' },
      }),
      event({ type: 'content_block_stop', index: 0 }),
      event({
        type: 'content_block_start',
        index: 1,
        content_block: { type: 'thinking', thinking: '', signature: '' },
      }),
      event({
        type: 'content_block_delta',
        index: 1,
        delta: { type: 'thinking_delta', thinking: 'Second thought.' },
      }),
      event({
        type: 'content_block_delta',
        index: 1,
        delta: { type: 'signature_delta', signature: 'sig-two' },
      }),
      event({ type: 'content_block_stop', index: 1 }),
      event({ type: 'content_block_start', index: 2, content_block: { type: 'text', text: '' } }),
      event({ type: 'content_block_delta', index: 2, delta: { type: 'text_delta', text: '185' } }),
      event({ type: 'content_block_stop', index: 2 }),
      event({
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { output_tokens: 30 },
      }),
      event({ type: 'message_stop' }),
    ];
    harness.simulator.enqueue({ kind: 'recorded', chunks });
    const response = await harness.client
      .stream(ask({ reasoning: { budgetTokens: 2048 } }))
      .finalResponse();
    expect(response.content.filter((part) => part.type === 'reasoning')).toEqual([
      { type: 'reasoning', text: 'First thought.', signature: 'sig-one' },
      { type: 'reasoning', text: 'Second thought.', signature: 'sig-two' },
    ]);

    await harness.client.chat({
      ...ask({ reasoning: { budgetTokens: 2048 } }),
      messages: [
        { role: 'user', content: 'What is 925 / 5?' },
        { role: 'assistant', content: response.content },
        { role: 'user', content: 'And doubled?' },
      ],
    });
    const assistant = (harness.body()['messages'] as Array<{ role: string; content: unknown }>)[1];
    expect(assistant?.content).toEqual([
      { type: 'thinking', thinking: 'First thought.', signature: 'sig-one' },
      { type: 'thinking', thinking: 'Second thought.', signature: 'sig-two' },
      { type: 'text', text: '185' },
    ]);
  });
});
