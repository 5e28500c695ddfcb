import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type GeminiResponseBody,
  type GoogleSimulator,
  geminiBlockedPromptStep,
  geminiFinishStep,
  startGoogleSimulator,
  toGeminiUsageMetadata,
} from '../src/index.js';

let simulator: GoogleSimulator;

beforeAll(async () => {
  simulator = await startGoogleSimulator();
});
afterAll(async () => {
  await simulator.close();
});
beforeEach(() => {
  simulator.reset();
});

const KEY = 'AIza-simulator-test-key';
const GENERATE = '/v1beta/models/gemini-2.5-flash:generateContent';
const STREAM = '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse';

function body(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { contents: [{ role: 'user', parts: [{ text: 'Hi there' }] }], ...extra };
}

function post(
  path: string,
  payload: unknown = body(),
  headers: Record<string, string> = { 'x-goog-api-key': KEY },
  signal?: AbortSignal,
) {
  return fetch(`${simulator.baseURL}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(payload),
    signal,
  });
}

/** Splits an SSE body into its events' `data` and any other field lines. */
function parseSse(text: string): { data: string[]; otherLines: string[] } {
  const data: string[] = [];
  const otherLines: string[] = [];
  for (const block of text.split('\n\n')) {
    if (block.trim() === '') continue;
    for (const line of block.split('\n')) {
      if (line.startsWith('data: ')) data.push(line.slice(6));
      else otherLines.push(line);
    }
  }
  return { data, otherLines };
}

async function streamChunks(path = STREAM): Promise<GeminiResponseBody[]> {
  const response = await post(path);
  expect(response.headers.get('content-type')).toBe('text/event-stream');
  const parsed = parseSse(await response.text());
  expect(parsed.otherLines).toEqual([]);
  return parsed.data.map((data) => JSON.parse(data) as GeminiResponseBody);
}

function partsOf(chunk: GeminiResponseBody) {
  return chunk.candidates?.[0]?.content?.parts ?? [];
}

describe('generateContent', () => {
  it('answers in Gemini format and records the key from x-goog-api-key', async () => {
    simulator.enqueue({
      kind: 'reply',
      reply: {
        text: 'Hello!',
        reasoning: 'Greeting back.',
        usage: { inputTokens: 120, cacheReadTokens: 100, outputTokens: 50, reasoningTokens: 30 },
      },
    });
    const response = await post(GENERATE);
    expect(response.status).toBe(200);
    const json = (await response.json()) as GeminiResponseBody;
    expect(json.candidates?.[0]).toEqual({
      content: {
        parts: [{ text: 'Greeting back.', thought: true }, { text: 'Hello!' }],
        role: 'model',
      },
      finishReason: 'STOP',
      index: 0,
    });
    // candidatesTokenCount excludes thoughts: 50 - 30 = 20; promptTokenCount includes the 100 cached.
    expect(json.usageMetadata).toEqual({
      promptTokenCount: 120,
      candidatesTokenCount: 20,
      totalTokenCount: 170,
      cachedContentTokenCount: 100,
      promptTokensDetails: [{ modality: 'TEXT', tokenCount: 120 }],
      cacheTokensDetails: [{ modality: 'TEXT', tokenCount: 100 }],
      thoughtsTokenCount: 30,
    });
    expect(json.modelVersion).toBe('gemini-2.5-flash');
    expect(json.responseId).toMatch(/^simulated/);
    expect(simulator.requests[0]?.headers['x-goog-api-key']).toBe(KEY);
    expect(simulator.requests[0]?.url).toBe(GENERATE);
  });

  it('echoes the last user message when nothing is queued', async () => {
    const json = (await (await post(GENERATE)).json()) as GeminiResponseBody;
    expect(partsOf(json)).toEqual([{ text: 'You said: Hi there' }]);
    expect(json.usageMetadata?.promptTokenCount).toBeGreaterThan(0);
  });

  it('renders function calls with args objects and the signature on the first call', async () => {
    simulator.enqueue({
      kind: 'reply',
      reply: {
        toolCalls: [
          { id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } },
          { name: 'get_time', arguments: '{"zone":"CET"}' },
        ],
        reasoningSignature: 'c2lnbmF0dXJl',
        finishReason: 'tool-calls',
      },
    });
    const json = (await (await post(GENERATE)).json()) as GeminiResponseBody;
    expect(partsOf(json)).toEqual([
      {
        functionCall: { name: 'get_weather', args: { city: 'Paris' } },
        thoughtSignature: 'c2lnbmF0dXJl',
      },
      { functionCall: { name: 'get_time', args: { zone: 'CET' } } },
    ]);
    // Gemini ends function-call turns with STOP and, by default, sends no call ids.
    expect(json.candidates?.[0]?.finishReason).toBe('STOP');
  });

  it('sends function call ids when asked to', async () => {
    const withIds = await startGoogleSimulator({ functionCallIds: true });
    try {
      withIds.enqueue({
        kind: 'reply',
        reply: { toolCalls: [{ id: 'call_9', name: 'lookup', arguments: {} }] },
      });
      const response = await fetch(`${withIds.baseURL}${GENERATE}`, {
        method: 'POST',
        headers: { 'x-goog-api-key': KEY },
        body: JSON.stringify(body()),
      });
      const json = (await response.json()) as GeminiResponseBody;
      expect(partsOf(json)[0]?.functionCall).toEqual({ id: 'call_9', name: 'lookup', args: {} });
    } finally {
      await withIds.close();
    }
  });

  it('reports arguments that are not a JSON object as MALFORMED_FUNCTION_CALL', async () => {
    simulator.enqueue({
      kind: 'reply',
      reply: { toolCalls: [{ name: 'get_weather', arguments: '{"city": "Par' }] },
    });
    const json = (await (await post(GENERATE)).json()) as GeminiResponseBody;
    expect(json.candidates?.[0]?.finishReason).toBe('MALFORMED_FUNCTION_CALL');
    expect(partsOf(json)).toEqual([]);
  });

  it('maps the neutral finish reasons: length → MAX_TOKENS, content-filter → SAFETY without content', async () => {
    simulator.enqueue(
      { kind: 'reply', reply: { text: 'cut', finishReason: 'length' } },
      { kind: 'reply', reply: { text: 'unsafe', finishReason: 'content-filter' } },
    );
    const long = (await (await post(GENERATE)).json()) as GeminiResponseBody;
    expect(long.candidates?.[0]?.finishReason).toBe('MAX_TOKENS');
    const blocked = (await (await post(GENERATE)).json()) as GeminiResponseBody;
    expect(blocked.candidates?.[0]?.finishReason).toBe('SAFETY');
    expect(blocked.candidates?.[0]?.content).toBeUndefined();
    expect(blocked.candidates?.[0]?.safetyRatings).toContainEqual({
      category: 'HARM_CATEGORY_DANGEROUS_CONTENT',
      probability: 'HIGH',
      blocked: true,
    });
  });
});

describe('streamGenerateContent?alt=sse', () => {
  it('streams data-only events, no event names and no [DONE], with running usage', async () => {
    simulator.enqueue({
      kind: 'reply',
      reply: {
        text: 'One two three',
        reasoning: 'Think first',
        usage: { inputTokens: 10, outputTokens: 12, reasoningTokens: 4 },
      },
    });
    const chunks = await streamChunks();
    expect(chunks.map((chunk) => partsOf(chunk))).toEqual([
      [{ text: 'Think ', thought: true }],
      [{ text: 'first', thought: true }],
      [{ text: 'One ' }],
      [{ text: 'two ' }],
      [{ text: 'three' }],
    ]);
    expect(
      chunks.slice(0, -1).every((chunk) => chunk.candidates?.[0]?.finishReason === undefined),
    ).toBe(true);
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe('STOP');
    // Only the last chunk carries the final counts: 12 - 4 = 8 candidate tokens.
    expect(chunks.at(-1)?.usageMetadata).toMatchObject({
      promptTokenCount: 10,
      candidatesTokenCount: 8,
      thoughtsTokenCount: 4,
      totalTokenCount: 22,
    });
    expect(chunks[0]?.usageMetadata?.candidatesTokenCount).toBeLessThan(8);
    expect(new Set(chunks.map((chunk) => chunk.responseId)).size).toBe(1);
  });

  it('sends all function calls in one chunk and a text signature on a last empty part', async () => {
    simulator.enqueue(
      {
        kind: 'reply',
        reply: {
          toolCalls: [
            { name: 'a', arguments: { x: 1 } },
            { name: 'b', arguments: { y: 2 } },
          ],
          reasoningSignature: 'sig-call',
        },
      },
      { kind: 'reply', reply: { text: 'Done.', reasoningSignature: 'sig-text' } },
    );
    const calls = await streamChunks();
    expect(calls.map((chunk) => partsOf(chunk))).toEqual([
      [
        { functionCall: { name: 'a', args: { x: 1 } }, thoughtSignature: 'sig-call' },
        { functionCall: { name: 'b', args: { y: 2 } } },
      ],
    ]);
    const text = await streamChunks();
    expect(text.map((chunk) => partsOf(chunk))).toEqual([
      [{ text: 'Done.' }],
      [{ text: '', thoughtSignature: 'sig-text' }],
    ]);
  });

  it('ends an empty reply with one empty text part', async () => {
    simulator.enqueue({ kind: 'reply', reply: { text: '' } });
    const chunks = await streamChunks();
    expect(chunks).toHaveLength(1);
    expect(partsOf(chunks[0] ?? { modelVersion: '', responseId: '' })).toEqual([{ text: '' }]);
    expect(chunks[0]?.candidates?.[0]?.finishReason).toBe('STOP');
  });

  it('streams the text before a safety block, then a SAFETY chunk without content', async () => {
    simulator.enqueue({
      kind: 'reply',
      reply: { text: 'Some words', finishReason: 'content-filter' },
    });
    const chunks = await streamChunks();
    expect(chunks.map((chunk) => partsOf(chunk))).toEqual([
      [{ text: 'Some ' }],
      [{ text: 'words' }],
      [],
    ]);
    expect(chunks.at(-1)?.candidates?.[0]).toMatchObject({ finishReason: 'SAFETY', index: 0 });
    expect(chunks.at(-1)?.candidates?.[0]?.content).toBeUndefined();
  });

  it('streams a JSON array without alt=sse, as Gemini does', async () => {
    simulator.enqueue({ kind: 'reply', reply: { text: 'a b' } });
    const response = await post('/v1beta/models/gemini-2.5-flash:streamGenerateContent');
    const array = (await response.json()) as GeminiResponseBody[];
    expect(array.map((chunk) => partsOf(chunk))).toEqual([[{ text: 'a ' }], [{ text: 'b' }]]);
  });

  it('cuts an event inside a multi-byte character when splitMultibyte is set', async () => {
    simulator.enqueue({ kind: 'reply', reply: { text: 'Grüße 世界' }, splitMultibyte: true });
    const buffers = await new Promise<Buffer[]>((resolve, reject) => {
      const request = httpRequest(
        `${simulator.baseURL}${STREAM}`,
        { method: 'POST', headers: { 'x-goog-api-key': KEY, 'content-type': 'application/json' } },
        (response) => {
          const received: Buffer[] = [];
          response.on('data', (chunk: Buffer) => received.push(chunk));
          response.on('end', () => resolve(received));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(JSON.stringify(body()));
    });
    const strict = new TextDecoder('utf-8', { fatal: true });
    const cutInside = buffers.some((buffer) => {
      try {
        strict.decode(buffer);
        return false;
      } catch {
        return true;
      }
    });
    expect(cutInside).toBe(true);
    const chunks = parseSse(Buffer.concat(buffers).toString('utf8')).data.map(
      (data) => JSON.parse(data) as GeminiResponseBody,
    );
    expect(chunks.map((chunk) => partsOf(chunk)[0]?.text).join('')).toBe('Grüße 世界');
  });
});

describe('errors', () => {
  const cases: Array<[number, string | undefined, string]> = [
    [400, undefined, 'INVALID_ARGUMENT'],
    [400, 'FAILED_PRECONDITION', 'FAILED_PRECONDITION'],
    [401, undefined, 'UNAUTHENTICATED'],
    [403, undefined, 'PERMISSION_DENIED'],
    [404, undefined, 'NOT_FOUND'],
    [429, undefined, 'RESOURCE_EXHAUSTED'],
    [500, undefined, 'INTERNAL'],
    [503, undefined, 'UNAVAILABLE'],
    [504, undefined, 'DEADLINE_EXCEEDED'],
  ];
  for (const [status, vendorCode, statusName] of cases) {
    it(`renders HTTP ${status}${vendorCode ? ` ${vendorCode}` : ''} as google.rpc ${statusName}`, async () => {
      simulator.enqueue({ kind: 'error', status, vendorCode });
      const response = await post(GENERATE);
      expect(response.status).toBe(status);
      const json = (await response.json()) as { error: Record<string, unknown> };
      expect(json.error['code']).toBe(status);
      expect(json.error['status']).toBe(statusName);
      expect(typeof json.error['message']).toBe('string');
    });
  }

  it('puts a RetryInfo detail with retryDelay on 429, from a retry-after header when given', async () => {
    simulator.enqueue({ kind: 'error', status: 429, headers: { 'retry-after': '7' } });
    const response = await post(GENERATE);
    expect(response.headers.get('retry-after')).toBe('7');
    const json = (await response.json()) as { error: { details: Array<Record<string, unknown>> } };
    expect(json.error.details).toContainEqual({
      '@type': 'type.googleapis.com/google.rpc.RetryInfo',
      retryDelay: '7s',
    });
    expect(json.error.details.map((detail) => detail['@type'])).toContain(
      'type.googleapis.com/google.rpc.QuotaFailure',
    );
  });

  it('adds an ErrorInfo detail for a vendor reason', async () => {
    simulator.enqueue({
      kind: 'error',
      status: 400,
      vendorCode: 'API_KEY_INVALID',
      message: 'bad key',
    });
    const json = (await (await post(GENERATE)).json()) as {
      error: { status: string; message: string; details: Array<Record<string, unknown>> };
    };
    expect(json.error.status).toBe('INVALID_ARGUMENT');
    expect(json.error.message).toBe('bad key');
    expect(json.error.details[0]).toMatchObject({ reason: 'API_KEY_INVALID' });
  });

  it('answers a request without a key with 403 and leaves the queued step alone', async () => {
    simulator.enqueue({ kind: 'reply', reply: { text: 'kept' } });
    const response = await post(GENERATE, body(), {});
    expect(response.status).toBe(403);
    const json = (await response.json()) as { error: { status: string; message: string } };
    expect(json.error.status).toBe('PERMISSION_DENIED');
    expect(json.error.message).toContain('unregistered callers');
    const next = (await (await post(GENERATE)).json()) as GeminiResponseBody;
    expect(partsOf(next)).toEqual([{ text: 'kept' }]);
  });

  it('accepts the key in the key query parameter too', async () => {
    const response = await post(`${GENERATE}?key=${KEY}`, body(), {});
    expect(response.status).toBe(200);
  });

  it('answers a wrong key with 400 API_KEY_INVALID when a key is configured', async () => {
    const strict = await startGoogleSimulator({ apiKey: 'AIza-right' });
    try {
      const response = await fetch(`${strict.baseURL}${GENERATE}`, {
        method: 'POST',
        headers: { 'x-goog-api-key': 'AIza-wrong' },
        body: JSON.stringify(body()),
      });
      expect(response.status).toBe(400);
      const json = (await response.json()) as {
        error: { details: Array<Record<string, unknown>> };
      };
      expect(json.error.details[0]).toMatchObject({ reason: 'API_KEY_INVALID' });
    } finally {
      await strict.close();
    }
  });

  it('rejects bodies Gemini rejects: no contents, an unknown role', async () => {
    const empty = await post(GENERATE, { contents: [] });
    expect(empty.status).toBe(400);
    const role = await post(GENERATE, {
      contents: [{ role: 'assistant', parts: [{ text: 'x' }] }],
    });
    expect(role.status).toBe(400);
    expect(((await role.json()) as { error: { message: string } }).error.message).toBe(
      'Please use a valid role: user, model.',
    );
  });

  it('answers an unknown path with 404 NOT_FOUND', async () => {
    const response = await post('/v1beta/models/gemini-2.5-flash:countTokens');
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { status: string } }).error.status).toBe(
      'NOT_FOUND',
    );
  });
});

describe('failure steps', () => {
  it('disconnects after the given number of chunks', async () => {
    simulator.enqueue({ kind: 'disconnect', reply: { text: 'a b c d e' }, afterChunks: 2 });
    const response = await post(STREAM);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const failure = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return undefined;
        text += decoder.decode(value, { stream: true });
      }
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(parseSse(text).data).toHaveLength(2);
  });

  it('sends a malformed chunk after valid ones and keeps the stream open', async () => {
    simulator.enqueue({ kind: 'malformed-chunk', reply: { text: 'a b c' }, afterChunks: 1 });
    const controller = new AbortController();
    const response = await post(STREAM, body(), { 'x-goog-api-key': KEY }, controller.signal);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (parseSse(text).data.length < 2) {
      const { value } = await reader.read();
      text += decoder.decode(value, { stream: true });
    }
    const [first, second] = parseSse(text).data;
    expect(() => JSON.parse(first ?? '')).not.toThrow();
    expect(() => JSON.parse(second ?? '')).toThrow();
    // Counted relative to now: a connection the previous test's simulator cut may land late.
    const before = simulator.abortedConnections;
    const aborted = simulator.waitForAbort();
    controller.abort();
    await aborted;
    expect(simulator.abortedConnections).toBe(before + 1);
  });

  it('sends an in-stream google.rpc error event with HTTP 200', async () => {
    simulator.enqueue({
      kind: 'stream-error',
      reply: { text: 'a b c' },
      afterChunks: 1,
      status: 503,
      message: 'overloaded',
    });
    const response = await post(STREAM);
    expect(response.status).toBe(200);
    const { data } = parseSse(await response.text());
    expect(data).toHaveLength(2);
    expect(JSON.parse(data[1] ?? '')).toEqual({
      error: { code: 503, message: 'overloaded', status: 'UNAVAILABLE' },
    });
  });

  it('hangs until the client gives up', async () => {
    simulator.enqueue({ kind: 'hang' });
    const controller = new AbortController();
    const pending = post(GENERATE, body(), { 'x-goog-api-key': KEY }, controller.signal).catch(
      (error: unknown) => error,
    );
    const aborted = simulator.waitForAbort();
    await simulator.waitForRequest();
    controller.abort();
    await aborted;
    expect(await pending).toBeInstanceOf(Error);
  });

  it('replays recorded JSON and chunks byte for byte', async () => {
    const json = '{\n  "candidates": []\n}\n';
    const chunks = [
      '{"candidates":[{"content":{"parts":[{"text":"x"}],"role":"model"},"index":0}]}',
    ];
    simulator.enqueue({ kind: 'recorded', json, chunks }, { kind: 'recorded', json, chunks });
    expect(await (await post(GENERATE)).text()).toBe(json);
    expect(await (await post(STREAM)).text()).toBe(`data: ${chunks[0]}\n\n`);
  });

  it('sends raw responses as given', async () => {
    simulator.enqueue({
      kind: 'raw',
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html>bad gateway</html>',
    });
    const response = await post(GENERATE);
    expect(response.status).toBe(502);
    expect(await response.text()).toBe('<html>bad gateway</html>');
  });
});

describe('Gemini-only steps', () => {
  it('blocks a prompt with promptFeedback.blockReason and no candidates', async () => {
    simulator.enqueue(geminiBlockedPromptStep('PROHIBITED_CONTENT'), geminiBlockedPromptStep());
    const json = (await (await post(GENERATE)).json()) as GeminiResponseBody;
    expect(json.candidates).toBeUndefined();
    expect(json.promptFeedback).toEqual({ blockReason: 'PROHIBITED_CONTENT' });
    const chunks = await streamChunks();
    expect(chunks[0]?.promptFeedback?.blockReason).toBe('SAFETY');
    expect(chunks[0]?.promptFeedback?.safetyRatings?.some((rating) => rating.blocked)).toBe(true);
  });

  it('ends with a Gemini finish reason the neutral steps lack', async () => {
    simulator.enqueue(geminiFinishStep('RECITATION', { text: 'Once upon' }));
    const json = (await (await post(GENERATE)).json()) as GeminiResponseBody;
    expect(json.candidates?.[0]?.finishReason).toBe('RECITATION');
    expect(json.candidates?.[0]?.content).toBeUndefined();
  });

  it('maps neutral usage to Gemini fields', () => {
    expect(toGeminiUsageMetadata({ inputTokens: 5, outputTokens: 3 })).toEqual({
      promptTokenCount: 5,
      candidatesTokenCount: 3,
      totalTokenCount: 8,
      promptTokensDetails: [{ modality: 'TEXT', tokenCount: 5 }],
    });
  });
});
