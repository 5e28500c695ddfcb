import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type OpenAISimulator, startOpenAISimulator } from '../src/index.js';

let simulator: OpenAISimulator;
beforeAll(async () => {
  simulator = await startOpenAISimulator();
});
beforeEach(() => simulator.reset());
afterAll(() => simulator.close());

type Json = Record<string, unknown>;

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function post(body: unknown, signal?: AbortSignal): Promise<Response> {
  return fetch(`${simulator.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
    body: JSON.stringify(body),
    signal,
  });
}

const ask = { model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'Hello there' }] };
const streamAsk = { ...ask, stream: true, stream_options: { include_usage: true } };

/** The `data:` payloads of an SSE body, read to its end (or until the connection fails). */
async function readEvents(response: Response): Promise<{ data: string[]; failed: boolean }> {
  const data: string[] = [];
  let text = '';
  let failed = false;
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  try {
    while (reader) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    failed = true;
  }
  for (const block of text.split('\n\n')) {
    const line = block.split('\n').find((candidate) => candidate.startsWith('data: '));
    if (line) data.push(line.slice('data: '.length));
  }
  return { data, failed };
}

function parsed(data: string[]): Json[] {
  return data
    .filter((line) => line !== '[DONE]')
    .map((line) => {
      const value: unknown = JSON.parse(line);
      if (!isJson(value)) throw new Error(`not an object: ${line}`);
      return value;
    });
}

function firstDelta(chunk: Json): Json {
  const choices = chunk['choices'];
  const choice: unknown = Array.isArray(choices) ? choices[0] : undefined;
  return isJson(choice) && isJson(choice['delta']) ? choice['delta'] : {};
}

describe('OpenAI simulator: JSON answers', () => {
  it('renders a chat.completion with text, tool calls, finish reason and usage fields', async () => {
    simulator.enqueue({
      kind: 'reply',
      reply: {
        text: 'Looking it up.',
        toolCalls: [{ id: 'call_1', name: 'lookup', arguments: { q: 'x' } }],
        usage: { inputTokens: 50, outputTokens: 20, cacheReadTokens: 30, reasoningTokens: 4 },
      },
    });
    const response = await post(ask);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    const body: unknown = await response.json();
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4.1-mini',
      choices: [
        {
          index: 0,
          finish_reason: 'tool_calls',
          message: {
            role: 'assistant',
            content: 'Looking it up.',
            refusal: null,
            tool_calls: [
              {
                id: 'call_1',
                type: 'function',
                function: { name: 'lookup', arguments: '{"q":"x"}' },
              },
            ],
          },
        },
      ],
      usage: {
        prompt_tokens: 50,
        completion_tokens: 20,
        total_tokens: 70,
        prompt_tokens_details: { cached_tokens: 30 },
        completion_tokens_details: { reasoning_tokens: 4 },
      },
    });
    expect(simulator.requests[0]?.body).toEqual(ask);
  });

  it('renders a refusal with content null', async () => {
    simulator.enqueue({ kind: 'reply', reply: { refusal: 'No.' } });
    const body: unknown = await (await post(ask)).json();
    expect(body).toMatchObject({
      choices: [{ message: { content: null, refusal: 'No.' }, finish_reason: 'stop' }],
    });
  });

  it('echoes a short reply when nothing is queued', async () => {
    const body: unknown = await (await post(ask)).json();
    expect(body).toMatchObject({ choices: [{ message: { content: 'You said: Hello there' } }] });
  });
});

describe('OpenAI simulator: streams', () => {
  it('sends the role chunk, deltas, tool-call pieces, the finish chunk, the usage chunk and [DONE]', async () => {
    simulator.enqueue({
      kind: 'reply',
      reply: {
        text: 'Hi there',
        toolCalls: [{ id: 'call_9', name: 'f', arguments: '{"a":1}' }],
        usage: { inputTokens: 3, outputTokens: 4 },
      },
      chunkSize: 4,
    });
    const response = await post(streamAsk);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const { data } = await readEvents(response);
    expect(data.at(-1)).toBe('[DONE]');
    const chunks = parsed(data);
    expect(chunks.every((chunk) => chunk['object'] === 'chat.completion.chunk')).toBe(true);
    expect(firstDelta(chunks[0] ?? {})).toEqual({ role: 'assistant', content: '', refusal: null });
    expect(chunks.slice(1, 3).map(firstDelta)).toEqual([{ content: 'Hi t' }, { content: 'here' }]);
    expect(firstDelta(chunks[3] ?? {})).toEqual({
      tool_calls: [
        { index: 0, id: 'call_9', type: 'function', function: { name: 'f', arguments: '' } },
      ],
    });
    expect(chunks.slice(4, 6).map(firstDelta)).toEqual([
      { tool_calls: [{ index: 0, function: { arguments: '{"a"' } }] },
      { tool_calls: [{ index: 0, function: { arguments: ':1}' } }] },
    ]);
    expect(chunks[6]).toMatchObject({
      choices: [{ delta: {}, finish_reason: 'tool_calls' }],
      usage: null,
    });
    expect(chunks[7]).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
    });
    expect(chunks).toHaveLength(8);
  });

  it('sends no usage chunk unless the request asks for it', async () => {
    simulator.enqueue({ kind: 'reply', reply: { text: 'a' } });
    const chunks = parsed((await readEvents(await post({ ...ask, stream: true }))).data);
    expect(chunks.some((chunk) => 'usage' in chunk)).toBe(false);
    expect(chunks.at(-1)).toMatchObject({ choices: [{ finish_reason: 'stop' }] });
  });

  it('cuts the connection after the given number of chunks', async () => {
    simulator.enqueue({
      kind: 'disconnect',
      reply: { text: 'one two three four' },
      afterChunks: 3,
    });
    const { data, failed } = await readEvents(await post(streamAsk));
    expect(failed).toBe(true);
    expect(data).toHaveLength(3);
  });

  it('sends a chunk that is not JSON after the given number, and keeps the stream open', async () => {
    simulator.enqueue({ kind: 'malformed-chunk', reply: { text: 'one two' }, afterChunks: 2 });
    const controller = new AbortController();
    const response = await post(streamAsk, controller.signal);
    const reader = response.body?.getReader();
    if (!reader) throw new Error('no body');
    let text = '';
    const decoder = new TextDecoder();
    while ((text.match(/\n\n/g) ?? []).length < 3) {
      const { value, done } = await reader.read();
      if (done) throw new Error('the stream ended');
      text += decoder.decode(value, { stream: true });
    }
    const data = text
      .split('\n\n')
      .filter(Boolean)
      .map((block) => block.slice('data: '.length));
    expect(parsed(data.slice(0, 2))).toHaveLength(2);
    expect(() => JSON.parse(data[2] ?? '')).toThrow(SyntaxError);
    const aborted = simulator.waitForAbort();
    controller.abort();
    await aborted;
  });

  it('sends an in-stream error event after the given number of chunks', async () => {
    simulator.enqueue({
      kind: 'stream-error',
      reply: { text: 'one two' },
      afterChunks: 1,
      status: 500,
    });
    const { data } = await readEvents(await post(streamAsk));
    expect(data).toHaveLength(2);
    expect(JSON.parse(data[1] ?? '')).toEqual({
      error: {
        message: expect.stringMatching(/The server had an error/),
        type: 'server_error',
        param: null,
        code: null,
      },
    });
  });

  it('replays recorded chunks wrapped as SSE, ending with [DONE]', async () => {
    simulator.enqueue({ kind: 'recorded', chunks: ['{"a":1}', '{"b":2}'] });
    const response = await post(streamAsk);
    expect(await response.text()).toBe('data: {"a":1}\n\ndata: {"b":2}\n\ndata: [DONE]\n\n');
  });

  it('hangs until the client gives up', async () => {
    simulator.enqueue({ kind: 'hang' });
    const aborted = simulator.waitForAbort();
    const controller = new AbortController();
    const failure = post(ask, controller.signal);
    // Give up once the request is there: a fixed delay can fire before it arrives.
    await simulator.waitForRequest();
    controller.abort();
    await expect(failure).rejects.toThrow();
    await aborted;
    expect(simulator.abortedConnections).toBe(1);
  });
});

describe('OpenAI simulator: errors', () => {
  const expected: Array<[number, string, string | number | null]> = [
    [400, 'invalid_request_error', null],
    [401, 'invalid_request_error', 'invalid_api_key'],
    [403, 'request_forbidden', 'unsupported_country_region_territory'],
    [404, 'invalid_request_error', 'model_not_found'],
    [408, 'server_error', 'timeout'],
    [409, 'invalid_request_error', 'conflict'],
    [413, 'invalid_request_error', 'request_too_large'],
    [422, 'invalid_request_error', null],
    [429, 'requests', 'rate_limit_exceeded'],
    [500, 'server_error', null],
    [502, 'cf_bad_gateway', 502],
    [503, 'server_error', null],
  ];
  for (const [status, type, code] of expected) {
    it(`renders OpenAI's ${status} body`, async () => {
      simulator.enqueue({ kind: 'error', status });
      const response = await post(ask);
      expect(response.status).toBe(status);
      const body: unknown = await response.json();
      expect(body).toEqual({
        error: {
          message: expect.any(String),
          type,
          param: status === 400 ? 'messages' : null,
          code,
        },
      });
    });
  }

  it('adds retry-after and rate-limit headers to 429, and takes overrides', async () => {
    simulator.enqueue({
      kind: 'error',
      status: 429,
      vendorCode: 'insufficient_quota',
      message: 'You exceeded your current quota.',
      headers: { 'retry-after': '30' },
    });
    const response = await post(ask);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(await response.json()).toMatchObject({
      error: { code: 'insufficient_quota', message: 'You exceeded your current quota.' },
    });
  });

  it('names the missing model in 404s', async () => {
    simulator.enqueue({ kind: 'error', status: 404 });
    const body: unknown = await (await post({ ...ask, model: 'gpt-9' })).json();
    expect(body).toMatchObject({
      error: { message: 'The model `gpt-9` does not exist or you do not have access to it.' },
    });
  });

  it('answers 400 to a body without a model, without using a queued step', async () => {
    simulator.enqueue({ kind: 'reply', reply: { text: 'queued' } });
    const bad = await post({ messages: [] });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { message: 'you must provide a model parameter' },
    });
    expect(await (await post(ask)).json()).toMatchObject({
      choices: [{ message: { content: 'queued' } }],
    });
  });

  it('answers an unknown path with 404 and lists models on GET /v1/models', async () => {
    const unknown = await fetch(`${simulator.baseURL}/completions/legacy`, {
      method: 'POST',
      body: '{}',
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({
      error: { message: 'Invalid URL (POST /v1/completions/legacy)' },
    });
    const models: unknown = await (await fetch(`${simulator.baseURL}/models`)).json();
    expect(models).toMatchObject({
      object: 'list',
      data: expect.arrayContaining([
        expect.objectContaining({ id: 'gpt-4.1-mini', object: 'model' }),
      ]),
    });
  });

  it('sends raw bodies exactly', async () => {
    simulator.enqueue({
      kind: 'raw',
      status: 503,
      headers: { 'content-type': 'text/plain' },
      body: 'upstream down',
    });
    const response = await post(ask);
    expect(response.status).toBe(503);
    expect(await response.text()).toBe('upstream down');
  });
});

describe('OpenAI simulator: options for compatible vendors', () => {
  it('takes a path prefix, a reasoning field, usage rendering, decorators and extra headers', async () => {
    const custom = await startOpenAISimulator({
      pathPrefix: '/api/v1',
      reasoningField: 'reasoning',
      headers: { 'x-vendor': 'acme' },
      renderUsage: (usage) => ({
        prompt_tokens: usage.inputTokens,
        completion_tokens: usage.outputTokens,
        cost: 0.5,
      }),
      decorateBody: (body) => ({ ...body, provider: 'Acme' }),
      decorateChunk: (chunk) => ({ ...chunk, provider: 'Acme' }),
      decorateError: (body, status) => ({ ...body, status }),
      models: ['acme-1'],
    });
    try {
      expect(custom.baseURL).toBe(`${custom.origin}/api/v1`);
      const url = `${custom.baseURL}/chat/completions`;
      const send = (body: unknown) => fetch(url, { method: 'POST', body: JSON.stringify(body) });
      custom.enqueue(
        {
          kind: 'reply',
          reply: { reasoning: 'hmm', text: 'ok', usage: { inputTokens: 1, outputTokens: 2 } },
        },
        { kind: 'reply', reply: { reasoning: 'hmm', text: 'ok' } },
        { kind: 'error', status: 401 },
      );
      const json = await send(ask);
      expect(json.headers.get('x-vendor')).toBe('acme');
      expect(await json.json()).toMatchObject({
        provider: 'Acme',
        choices: [{ message: { reasoning: 'hmm', content: 'ok' } }],
        usage: { prompt_tokens: 1, completion_tokens: 2, cost: 0.5 },
      });
      const chunks = parsed((await readEvents(await send({ ...ask, stream: true }))).data);
      expect(chunks.every((chunk) => chunk['provider'] === 'Acme')).toBe(true);
      expect(firstDelta(chunks[1] ?? {})).toEqual({ reasoning: 'hmm' });
      expect(await (await send(ask)).json()).toMatchObject({
        status: 401,
        error: { code: 'invalid_api_key' },
      });
      expect(await (await fetch(`${custom.baseURL}/models`)).json()).toMatchObject({
        data: [{ id: 'acme-1' }],
      });
    } finally {
      await custom.close();
    }
  });
});
