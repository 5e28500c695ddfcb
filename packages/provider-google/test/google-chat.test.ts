import { describe, expect, it } from 'vitest';
import { API_KEY, failure, useGoogle } from './harness.js';

const harness = useGoogle();
const MODEL = 'google/gemini-2.5-flash';

describe('generateContent through @google/genai', () => {
  it('returns text, ids and finish reason, with the key in x-goog-api-key only', async () => {
    harness.simulator.enqueue({
      kind: 'reply',
      reply: { text: 'Hello there.', usage: { inputTokens: 4, outputTokens: 3 } },
    });
    const response = await harness.client.chat({
      model: MODEL,
      messages: [{ role: 'user', content: 'Say hello' }],
    });
    expect(response.text).toBe('Hello there.');
    expect(response.finishReason).toBe('stop');
    expect(response.rawFinishReason).toBe('STOP');
    expect(response.provider).toBe('google');
    expect(response.modelId).toBe('google/gemini-2.5-flash');
    expect(response.model).toBe('gemini-2.5-flash');
    expect(response.id).toMatch(/^simulated/);
    expect(response.content).toEqual([{ type: 'text', text: 'Hello there.' }]);
    const [request] = harness.simulator.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(request?.headers['x-goog-api-key']).toBe(API_KEY);
    expect(harness.body().contents).toEqual([{ role: 'user', parts: [{ text: 'Say hello' }] }]);
  });

  it('sends system messages as systemInstruction and assistant turns as role model', async () => {
    await harness.client.chat({
      model: MODEL,
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'system', content: [{ type: 'text', text: 'Answer in French.' }] },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Salut.' },
        { role: 'user', content: [{ type: 'text', text: 'Again' }] },
      ],
    });
    const body = harness.body();
    expect(body.systemInstruction).toEqual({
      parts: [{ text: 'You are terse.' }, { text: 'Answer in French.' }],
    });
    expect(body.contents).toEqual([
      { role: 'user', parts: [{ text: 'Hi' }] },
      { role: 'model', parts: [{ text: 'Salut.' }] },
      { role: 'user', parts: [{ text: 'Again' }] },
    ]);
  });

  it('moves a late system message to systemInstruction with a warning', async () => {
    const response = await harness.client.chat({
      model: MODEL,
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'system', content: 'Be brief.' },
      ],
    });
    expect(harness.body().systemInstruction).toEqual({ parts: [{ text: 'Be brief.' }] });
    expect(response.warnings).toContainEqual(
      expect.objectContaining({
        type: 'other',
        message: expect.stringContaining('systemInstruction'),
      }),
    );
  });

  it('maps generation settings and Google options into generationConfig', async () => {
    const response = await harness.client.chat({
      model: MODEL,
      messages: [{ role: 'user', content: 'Hi' }],
      temperature: 0.2,
      topP: 0.9,
      maxOutputTokens: 256,
      stop: ['END'],
      seed: 7,
      metadata: { user: 'u1' },
      providerOptions: {
        google: {
          topK: 40,
          safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_ONLY_HIGH' }],
          cachedContent: 'cachedContents/abc123',
          bogus: true,
        },
      },
    });
    const body = harness.body();
    expect(body.generationConfig).toEqual({
      temperature: 0.2,
      topP: 0.9,
      topK: 40,
      maxOutputTokens: 256,
      stopSequences: ['END'],
      seed: 7,
    });
    expect(body.safetySettings).toEqual([
      { category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_ONLY_HIGH' },
    ]);
    expect(body.cachedContent).toBe('cachedContents/abc123');
    // Metadata is for middleware only, and SDK-only settings never reach the wire.
    expect(JSON.stringify(body)).not.toContain('u1');
    expect(JSON.stringify(body)).not.toContain('automatic');
    expect(response.warnings).toEqual([
      expect.objectContaining({
        type: 'unsupported-setting',
        setting: 'providerOptions.google.bogus',
      }),
    ]);
  });

  it('reports parallelToolCalls as unsupported', async () => {
    const response = await harness.client.chat({
      model: MODEL,
      messages: [{ role: 'user', content: 'Hi' }],
      parallelToolCalls: false,
    });
    expect(response.warnings).toContainEqual(
      expect.objectContaining({ type: 'unsupported-setting', setting: 'parallelToolCalls' }),
    );
  });

  it('sends images and PDFs inline, and URLs as fileData', async () => {
    const response = await harness.client.chat({
      model: MODEL,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare these' },
            {
              type: 'image',
              source: { type: 'base64', data: 'iVBORw0KGgo=', mediaType: 'image/png' },
            },
            { type: 'image', source: { type: 'url', url: 'data:image/jpeg;base64,/9j/4AAQ' } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.webp?size=2' } },
            {
              type: 'image',
              source: { type: 'url', url: 'https://example.com/render' },
              detail: 'high',
            },
            {
              type: 'file',
              source: { type: 'base64', data: 'JVBERi0xLjQ=', mediaType: 'application/pdf' },
              mediaType: 'application/pdf',
            },
            {
              type: 'file',
              source: { type: 'url', url: 'https://example.com/paper' },
              mediaType: 'application/pdf',
            },
          ],
        },
      ],
    });
    expect(harness.body().contents).toEqual([
      {
        role: 'user',
        parts: [
          { text: 'Compare these' },
          { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
          { inlineData: { mimeType: 'image/jpeg', data: '/9j/4AAQ' } },
          { fileData: { fileUri: 'https://example.com/cat.webp?size=2', mimeType: 'image/webp' } },
          { fileData: { fileUri: 'https://example.com/render' } },
          { inlineData: { mimeType: 'application/pdf', data: 'JVBERi0xLjQ=' } },
          { fileData: { fileUri: 'https://example.com/paper', mimeType: 'application/pdf' } },
        ],
      },
    ]);
    expect(response.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported-setting', setting: 'detail' }),
      expect.objectContaining({
        type: 'other',
        message: expect.stringContaining('https://example.com/render'),
      }),
    ]);
  });

  it('keeps the raw response body when includeRaw is set', async () => {
    harness.simulator.enqueue({ kind: 'reply', reply: { text: 'raw' } });
    const response = await harness.client.chat({
      model: MODEL,
      messages: [{ role: 'user', content: 'Hi' }],
      includeRaw: true,
    });
    expect(response.raw).toMatchObject({
      candidates: [{ content: { parts: [{ text: 'raw' }], role: 'model' }, finishReason: 'STOP' }],
      modelVersion: 'gemini-2.5-flash',
    });
    expect(response.raw).not.toHaveProperty('sdkHttpResponse');
    harness.simulator.enqueue({ kind: 'reply', reply: { text: 'raw' } });
    const plain = await harness.client.chat({
      model: MODEL,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(plain.raw).toBeUndefined();
  });

  it('refuses a conversation with only a system prompt before calling Gemini', async () => {
    const error = await failure(
      harness.client.chat({ model: MODEL, messages: [{ role: 'system', content: 'Rules.' }] }),
    );
    expect(error.code).toBe('invalid_request');
    expect(error.provider).toBe('google');
    expect(error.model).toBe('gemini-2.5-flash');
    expect(error.message).toContain('at least one user message');
    expect(harness.simulator.requests).toHaveLength(0);
  });
});
