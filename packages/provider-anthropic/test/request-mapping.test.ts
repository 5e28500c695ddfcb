import { InvalidRequestError } from '@stratum/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_TOKENS } from '../src/index.js';
import { API_KEY, MODEL, useHarness } from './setup.js';

const harness = useHarness();

describe('request mapping: prompt', () => {
  it('sends the SDK headers: bearer key and API version 2026-10-21', async () => {
    await harness.client.chat({ model: MODEL, messages: [{ role: 'user', content: 'Hi' }] });
    const headers = harness.simulator.requests[0]!.headers;
    expect(harness.simulator.requests[0]!.url).toBe('/v1/messages');
    expect(headers['authorization']).toBe(`Bearer ${API_KEY}`);
    expect(headers['anthropic-version']).toBe('2026-10-21');
  });

  it('puts system messages in the top-level system, not in messages', async () => {
    await harness.client.chat({
      model: MODEL,
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Hi' },
      ],
    });
    const body = harness.body();
    expect(body['system']).toBe('You are terse.');
    expect(body['messages']).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }]);
  });

  it('joins several system messages, warning about one that stood mid-conversation', async () => {
    const response = await harness.client.chat({
      model: MODEL,
      messages: [
        { role: 'system', content: 'Rule one.' },
        { role: 'user', content: 'Hi' },
        { role: 'system', content: [{ type: 'text', text: 'Rule two.' }] },
        { role: 'user', content: 'Again' },
      ],
    });
    const body = harness.body();
    expect(body['system']).toEqual([
      { type: 'text', text: 'Rule one.' },
      { type: 'text', text: 'Rule two.' },
    ]);
    // The two user turns around the moved system message become one.
    expect(body['messages']).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Hi' },
          { type: 'text', text: 'Again' },
        ],
      },
    ]);
    expect(response.warnings).toEqual([
      expect.objectContaining({ type: 'other', message: expect.stringContaining('messages[2]') }),
    ]);
  });

  it('merges consecutive turns of one role, tool results into the following user turn', async () => {
    await harness.client.chat({
      model: MODEL,
      messages: [
        { role: 'user', content: 'First' },
        { role: 'user', content: 'Second' },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Checking both.' },
            { type: 'tool-call', id: 'toolu_a', name: 'weather', arguments: { city: 'Oslo' } },
            { type: 'tool-call', id: 'toolu_b', name: 'weather', arguments: { city: 'Rome' } },
          ],
        },
        { role: 'tool', toolCallId: 'toolu_a', content: '3°C' },
        {
          role: 'tool',
          toolCallId: 'toolu_b',
          content: [{ type: 'text', text: 'failed' }],
          isError: true,
        },
        { role: 'user', content: 'And tomorrow?' },
      ],
    });
    expect(harness.body()['messages']).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'First' },
          { type: 'text', text: 'Second' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking both.' },
          { type: 'tool_use', id: 'toolu_a', name: 'weather', input: { city: 'Oslo' } },
          { type: 'tool_use', id: 'toolu_b', name: 'weather', input: { city: 'Rome' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_a', content: '3°C' },
          {
            type: 'tool_result',
            tool_use_id: 'toolu_b',
            content: [{ type: 'text', text: 'failed' }],
            is_error: true,
          },
          { type: 'text', text: 'And tomorrow?' },
        ],
      },
    ]);
  });

  it('trims trailing whitespace of a final assistant prefill, as the API requires', async () => {
    await harness.client.chat({
      model: MODEL,
      messages: [
        { role: 'user', content: 'Answer with a JSON object' },
        { role: 'assistant', content: '{ ' },
      ],
    });
    expect(harness.body()['messages']).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Answer with a JSON object' }] },
      { role: 'assistant', content: [{ type: 'text', text: '{' }] },
    ]);
  });

  it('refuses a request with only a system prompt, before calling the API', async () => {
    await expect(
      harness.client.chat({ model: MODEL, messages: [{ role: 'system', content: 'Only this' }] }),
    ).rejects.toThrow(InvalidRequestError);
    expect(harness.simulator.requests).toHaveLength(0);
  });
});

describe('request mapping: max_tokens', () => {
  it("defaults max_tokens to the catalog's maxOutputTokens", async () => {
    await harness.client.chat({ model: MODEL, messages: [{ role: 'user', content: 'Hi' }] });
    const expected = harness.client.resolveModel(MODEL).info?.maxOutputTokens;
    expect(expected).toBeGreaterThan(0);
    expect(harness.body()['max_tokens']).toBe(expected);
  });

  it('falls back to DEFAULT_MAX_TOKENS (4096) for a model the catalog does not know', async () => {
    await harness.client.chat({
      model: 'anthropic/claude-unlisted-9',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(DEFAULT_MAX_TOKENS).toBe(4096);
    expect(harness.body()['max_tokens']).toBe(4096);
  });

  it('takes the defaultMaxOutputTokens setting for unknown models', async () => {
    await harness.clientWith({ defaultMaxOutputTokens: 1000 }).chat({
      model: 'anthropic/claude-unlisted-9',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(harness.body()['max_tokens']).toBe(1000);
  });

  it('sends maxOutputTokens and stop sequences as given', async () => {
    await harness.client.chat({
      model: MODEL,
      maxOutputTokens: 321,
      stop: ['###', 'END'],
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(harness.body()).toMatchObject({ max_tokens: 321, stop_sequences: ['###', 'END'] });
  });
});

describe('request mapping: unsupported settings', () => {
  it('warns about temperature, topP and seed, and sends none of them', async () => {
    const response = await harness.client.chat({
      model: MODEL,
      temperature: 0.2,
      topP: 0.9,
      seed: 7,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    const body = harness.body();
    expect(body).not.toHaveProperty('temperature');
    expect(body).not.toHaveProperty('top_p');
    expect(body).not.toHaveProperty('seed');
    expect(response.warnings.map((warning) => [warning.type, warning.setting])).toEqual([
      ['unsupported-setting', 'temperature'],
      ['unsupported-setting', 'topP'],
      ['unsupported-setting', 'seed'],
    ]);
  });

  it('says that thinking needs the default sampling when temperature comes with reasoning', async () => {
    const response = await harness.client.chat({
      model: MODEL,
      temperature: 0.5,
      reasoning: { budgetTokens: 2048 },
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(response.warnings[0]?.message).toContain('extended thinking');
  });
});

describe('request mapping: images and documents', () => {
  const PNG =
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==';

  it('sends base64, data-URL and URL images as image blocks', async () => {
    await harness.client.chat({
      model: MODEL,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare these' },
            { type: 'image', source: { type: 'base64', data: PNG, mediaType: 'image/png' } },
            { type: 'image', source: { type: 'url', url: `data:image/webp;base64,${PNG}` } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
          ],
        },
      ],
    });
    expect(harness.body()['messages']).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Compare these' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
          { type: 'image', source: { type: 'base64', media_type: 'image/webp', data: PNG } },
          { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
        ],
      },
    ]);
  });

  it('sends PDFs (base64 and URL) and plain text as document blocks with their titles', async () => {
    const pdf = Buffer.from('%PDF-1.4 fake').toString('base64');
    await harness.client.chat({
      model: MODEL,
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'file',
              mediaType: 'application/pdf',
              filename: 'report.pdf',
              source: { type: 'base64', data: pdf, mediaType: 'application/pdf' },
            },
            {
              type: 'file',
              mediaType: 'application/pdf',
              source: { type: 'url', url: 'https://example.com/paper.pdf' },
            },
            {
              type: 'file',
              mediaType: 'text/plain',
              source: {
                type: 'base64',
                data: Buffer.from('plain notes').toString('base64'),
                mediaType: 'text/plain',
              },
            },
            { type: 'text', text: 'Summarize' },
          ],
        },
      ],
    });
    expect(harness.body()['messages']).toEqual([
      {
        role: 'user',
        content: [
          {
            type: 'document',
            source: { type: 'base64', media_type: 'application/pdf', data: pdf },
            title: 'report.pdf',
          },
          { type: 'document', source: { type: 'url', url: 'https://example.com/paper.pdf' } },
          {
            type: 'document',
            source: { type: 'text', media_type: 'text/plain', data: 'plain notes' },
          },
          { type: 'text', text: 'Summarize' },
        ],
      },
    ]);
  });

  it('rejects image and file types Anthropic cannot read, naming the part', async () => {
    await expect(
      harness.client.chat({
        model: MODEL,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { type: 'base64', data: 'AAAA', mediaType: 'image/tiff' } },
            ],
          },
        ],
      }),
    ).rejects.toThrow(/messages\[0\]\.content\[0\] is image\/tiff/);
    await expect(
      harness.client.chat({
        model: MODEL,
        messages: [
          {
            role: 'user',
            content: [
              {
                type: 'file',
                mediaType: 'application/zip',
                source: { type: 'base64', data: 'AAAA', mediaType: 'application/zip' },
              },
            ],
          },
        ],
      }),
    ).rejects.toThrow(InvalidRequestError);
    expect(harness.simulator.requests).toHaveLength(0);
  });
});
