import { type ChatRequest, InvalidRequestError } from '@stratum/core';
import { describe, expect, it } from 'vitest';
import { MODEL, useHarness } from './setup.js';

const harness = useHarness();

const EPHEMERAL = { type: 'ephemeral' };

const WEATHER = { name: 'weather', parameters: { type: 'object', properties: {} } };
const CLOCK = { name: 'clock', parameters: { type: 'object', properties: {} } };

describe('prompt caching: cache_control placement', () => {
  it('marks the system prompt and the last tool with the provider switches', async () => {
    await harness.clientWith({ cacheSystemPrompt: true, cacheTools: true }).chat({
      model: MODEL,
      tools: [WEATHER, CLOCK],
      messages: [
        { role: 'system', content: 'A long, stable system prompt.' },
        { role: 'user', content: 'Hi' },
      ],
    });
    const body = harness.body();
    expect(body['system']).toEqual([
      { type: 'text', text: 'A long, stable system prompt.', cache_control: EPHEMERAL },
    ]);
    expect(body['tools']).toEqual([
      { name: 'weather', input_schema: WEATHER.parameters },
      { name: 'clock', input_schema: CLOCK.parameters, cache_control: EPHEMERAL },
    ]);
    expect(body).not.toHaveProperty('cache_control');
  });

  it('takes the same switches per request from providerOptions, overriding the settings', async () => {
    await harness.clientWith({ cacheSystemPrompt: true }).chat({
      model: MODEL,
      tools: [WEATHER],
      providerOptions: { anthropic: { cacheSystemPrompt: false, cacheTools: true } },
      messages: [
        { role: 'system', content: 'System.' },
        { role: 'user', content: 'Hi' },
      ],
    });
    const body = harness.body();
    expect(body['system']).toBe('System.');
    expect(body['tools']).toEqual([
      { name: 'weather', input_schema: WEATHER.parameters, cache_control: EPHEMERAL },
    ]);
  });

  it('puts a message-level breakpoint on the last block of that message', async () => {
    await harness.client.chat({
      model: MODEL,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'A long document...' },
            { type: 'text', text: 'Its appendix...' },
          ],
          providerOptions: { anthropic: { cacheControl: { type: 'ephemeral', ttl: '1h' } } },
        },
        { role: 'assistant', content: 'Read it.' },
        { role: 'user', content: 'Question?' },
      ],
    });
    expect(harness.body()['messages']).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'A long document...' },
          {
            type: 'text',
            text: 'Its appendix...',
            cache_control: { type: 'ephemeral', ttl: '1h' },
          },
        ],
      },
      { role: 'assistant', content: [{ type: 'text', text: 'Read it.' }] },
      { role: 'user', content: [{ type: 'text', text: 'Question?' }] },
    ]);
  });

  it('puts a part-level breakpoint on that part, including system parts and tool results', async () => {
    await harness.client.chat({
      model: MODEL,
      messages: [
        {
          role: 'system',
          content: [
            {
              type: 'text',
              text: 'Cached rules.',
              providerOptions: { anthropic: { cacheControl: true } },
            },
            { type: 'text', text: 'Per-user rules.' },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Doc', providerOptions: { anthropic: { cacheControl: true } } },
            { type: 'text', text: 'Question' },
          ],
        },
        {
          role: 'assistant',
          content: [{ type: 'tool-call', id: 'toolu_c', name: 'weather', arguments: {} }],
        },
        {
          role: 'tool',
          toolCallId: 'toolu_c',
          content: 'sunny',
          providerOptions: { anthropic: { cacheControl: true } },
        },
      ],
    });
    const body = harness.body();
    expect(body['system']).toEqual([
      { type: 'text', text: 'Cached rules.', cache_control: EPHEMERAL },
      { type: 'text', text: 'Per-user rules.' },
    ]);
    expect(body['messages']).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Doc', cache_control: EPHEMERAL },
          { type: 'text', text: 'Question' },
        ],
      },
      {
        role: 'assistant',
        content: [{ type: 'tool_use', id: 'toolu_c', name: 'weather', input: {} }],
      },
      {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            tool_use_id: 'toolu_c',
            content: 'sunny',
            cache_control: EPHEMERAL,
          },
        ],
      },
    ]);
  });

  it("turns a request-level cacheControl into Anthropic's automatic (top-level) caching", async () => {
    await harness.client.chat({
      model: MODEL,
      providerOptions: { anthropic: { cacheControl: true } },
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(harness.body()['cache_control']).toEqual(EPHEMERAL);
  });

  it('refuses more than four breakpoints before calling the API', async () => {
    const marked = (text: string) => ({
      role: 'user' as const,
      content: text,
      providerOptions: { anthropic: { cacheControl: true } },
    });
    const request: ChatRequest = {
      model: MODEL,
      messages: [
        marked('one'),
        { role: 'assistant', content: 'a' },
        marked('two'),
        { role: 'assistant', content: 'b' },
        marked('three'),
        { role: 'assistant', content: 'c' },
        marked('four'),
        { role: 'assistant', content: 'd' },
        marked('five'),
      ],
    };
    await expect(harness.client.chat(request)).rejects.toThrow(
      /5 cache_control breakpoints.*at most 4/,
    );
    expect(harness.simulator.requests).toHaveLength(0);
  });

  it('rejects a malformed cacheControl value, naming where it was', async () => {
    const error = await harness.client
      .chat({
        model: MODEL,
        messages: [
          {
            role: 'user',
            content: 'Hi',
            providerOptions: { anthropic: { cacheControl: { ttl: '2h' } } },
          },
        ],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(String(error)).toContain('messages[0]');
  });
});
