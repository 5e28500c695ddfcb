import { describe, expect, it } from 'vitest';
import { REDACTED, redactRecord, redactSensitiveValues, redactString } from '../src/index.js';

const keys = {
  openai: 'sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789',
  anthropic: 'sk-ant-api03-AbCdEfGhIjKlMnOpQrStUv_wxyz-0123456789',
  google: 'AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q',
  groq: 'gsk_AbCdEfGhIjKlMnOpQrStUvWxYz012345',
  xai: 'xai-AbCdEfGhIjKlMnOpQrStUvWxYz012345',
};

describe('redactSensitiveValues', () => {
  it.each(Object.entries(keys))('scrubs a %s key anywhere in a string', (_vendor, key) => {
    const text = redactString(`Incorrect API key provided: ${key}. Check it.`);
    expect(text).toBe(`Incorrect API key provided: ${REDACTED}. Check it.`);
  });

  it('scrubs bearer tokens and key query parameters', () => {
    expect(redactString('Authorization: Bearer abc.def-ghi_jkl')).toBe(
      `Authorization: Bearer ${REDACTED}`,
    );
    expect(
      redactString(
        'GET https://generativelanguage.googleapis.com/v1beta/models/x:generateContent?alt=sse&key=whatever123',
      ),
    ).toBe(
      `GET https://generativelanguage.googleapis.com/v1beta/models/x:generateContent?alt=sse&key=${REDACTED}`,
    );
    expect(redactString('https://x.test/?api_key=abc&user=me')).toBe(
      `https://x.test/?api_key=${REDACTED}&user=me`,
    );
  });

  it('replaces every value under a key-like field name, at any depth, whatever it looks like', () => {
    const redacted = redactSensitiveValues({
      headers: {
        Authorization: 'Bearer x',
        'x-api-key': 'short',
        'api-key': 'azure-key',
        'x-goog-api-key': 'g',
        'content-type': 'application/json',
      },
      config: {
        apiKey: 'plain',
        openaiApiKey: 'plain',
        clientSecret: 'plain',
        password: 'hunter2',
      },
      list: [{ access_token: 't' }],
      usage: { inputTokens: 10, maxOutputTokens: 20, totalTokens: 30 },
    });
    expect(redacted).toEqual({
      headers: {
        Authorization: REDACTED,
        'x-api-key': REDACTED,
        'api-key': REDACTED,
        'x-goog-api-key': REDACTED,
        'content-type': 'application/json',
      },
      config: {
        apiKey: REDACTED,
        openaiApiKey: REDACTED,
        clientSecret: REDACTED,
        password: REDACTED,
      },
      list: [{ access_token: REDACTED }],
      usage: { inputTokens: 10, maxOutputTokens: 20, totalTokens: 30 },
    });
  });

  it('handles errors, Headers, URLs, cycles and leaves the input unchanged', () => {
    const error = new Error(`401 for key ${keys.openai}`, { cause: { apiKey: keys.openai } });
    const headers = new Headers({ authorization: `Bearer ${keys.openai}`, accept: 'json' });
    const looped: Record<string, unknown> = { note: keys.groq };
    looped['self'] = looped;
    const input = { error, headers, url: new URL(`https://x.test/v1?key=${keys.google}`), looped };
    const output = JSON.stringify(redactSensitiveValues(input));
    for (const key of Object.values(keys)) expect(output).not.toContain(key);
    expect(output).toContain('[Circular]');
    expect(output).toContain('"accept":"json"');
    expect(error.message).toContain(keys.openai);
  });

  it('keeps a record a record', () => {
    expect(redactRecord({ apiKey: 'k', model: 'gpt' })).toEqual({ apiKey: REDACTED, model: 'gpt' });
  });
});
