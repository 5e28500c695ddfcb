import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AnthropicSimulator, anthropicReply, startAnthropicSimulator } from '../src/index.js';

let simulator: AnthropicSimulator;

beforeAll(async () => {
  simulator = await startAnthropicSimulator();
});
afterAll(async () => {
  await simulator.close();
});
beforeEach(() => {
  simulator.reset();
});

const HEADERS = {
  'content-type': 'application/json',
  'x-api-key': 'sk-ant-test',
  'anthropic-version': '2026-10-21',
};

function body(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    model: 'claude-sonnet-4-5',
    max_tokens: 1024,
    messages: [{ role: 'user', content: 'Hi there' }],
    ...extra,
  };
}

function post(payload: unknown, headers: Record<string, string> = HEADERS, signal?: AbortSignal) {
  return fetch(`${simulator.baseURL}/v1/messages`, {
    method: 'POST',
    headers,
    body: JSON.stringify(payload),
    signal,
  });
}

interface ParsedEvent {
  event: string | undefined;
  data: string;
}

function parseSse(text: string): ParsedEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      let event: string | undefined;
      let data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data += line.slice(6);
      }
      return { event, data };
    });
}

function json(event: ParsedEvent): Record<string, unknown> {
  return JSON.parse(event.data);
}

describe('Anthropic simulator: JSON replies', () => {
  it('renders text, thinking with signature, redacted thinking and tool_use blocks in order', async () => {
    simulator.enqueue({
      kind: 'reply',
      reply: anthropicReply({
        reasoning: 'Let me think.',
        reasoningSignature: 'sig-123',
        redactedThinking: ['opaque-data'],
        text: 'Calling the tool.',
        toolCalls: [{ id: 'toolu_1', name: 'weather', arguments: { city: 'Paris' } }],
        usage: { inputTokens: 100, outputTokens: 20 },
      }),
    });
    const response = await post(body());
    expect(response.status).toBe(200);
    expect(response.headers.get('request-id')).toMatch(/^req_01[0-9A-Za-z]{22}$/);
    const message = await response.json();
    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      stop_reason: 'tool_use',
      stop_sequence: null,
    });
    expect(message.id).toMatch(/^msg_01/);
    expect(message.content).toEqual([
      { type: 'thinking', thinking: 'Let me think.', signature: 'sig-123' },
      { type: 'redacted_thinking', data: 'opaque-data' },
      { type: 'text', text: 'Calling the tool.' },
      { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
    ]);
  });

  it("takes the cache counters out of input_tokens, as Anthropic's usage does", async () => {
    simulator.enqueue({
      kind: 'reply',
      reply: {
        text: 'ok',
        usage: {
          inputTokens: 1000,
          cacheReadTokens: 600,
          cacheWriteTokens: 300,
          outputTokens: 50,
          reasoningTokens: 10,
        },
      },
    });
    const message = await (await post(body())).json();
    // 1000 prompt tokens = 100 uncached + 300 written + 600 read.
    expect(message.usage).toMatchObject({
      input_tokens: 100,
      cache_creation_input_tokens: 300,
      cache_read_input_tokens: 600,
      output_tokens: 50,
      output_tokens_details: { thinking_tokens: 10 },
    });
  });

  it.each([
    ['stop', 'end_turn'],
    ['length', 'max_tokens'],
    ['tool-calls', 'tool_use'],
    ['content-filter', 'refusal'],
  ] as const)('maps finishReason %s to stop_reason %s', async (finishReason, stopReason) => {
    simulator.enqueue({ kind: 'reply', reply: { text: 'x', finishReason } });
    const message = await (await post(body())).json();
    expect(message.stop_reason).toBe(stopReason);
    if (stopReason === 'refusal') expect(message.stop_details).toMatchObject({ type: 'refusal' });
    else expect(message.stop_details).toBeNull();
  });

  it('sends Anthropic-only stop reasons and the matched stop sequence', async () => {
    simulator.enqueue({
      kind: 'reply',
      reply: anthropicReply({ text: 'one two', stopReason: 'stop_sequence', stopSequence: '###' }),
    });
    const message = await (await post(body())).json();
    expect(message.stop_reason).toBe('stop_sequence');
    expect(message.stop_sequence).toBe('###');
  });

  it('echoes the last user message by default, with estimated usage', async () => {
    const message = await (await post(body())).json();
    expect(message.content).toEqual([{ type: 'text', text: 'You said: Hi there' }]);
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBeGreaterThan(0);
  });
});

describe('Anthropic simulator: request checks', () => {
  it('rejects a body without max_tokens as the API does', async () => {
    const { max_tokens: _dropped, ...rest } = body();
    const response = await post(rest);
    expect(response.status).toBe(400);
    const error = await response.json();
    expect(error).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'max_tokens: Field required' },
    });
    expect(error.request_id).toBe(response.headers.get('request-id'));
  });

  it('answers a refused request without using the queued step', async () => {
    simulator.enqueue({ kind: 'reply', reply: { text: 'kept for the real call' } });
    const { max_tokens: _dropped, ...rest } = body();
    expect((await post(rest)).status).toBe(400);
    const message = await (await post(body())).json();
    expect(message.content).toEqual([{ type: 'text', text: 'kept for the real call' }]);
  });

  it('answers other paths with a not_found_error', async () => {
    simulator.enqueue({ kind: 'reply', reply: { text: 'still queued' } });
    const response = await fetch(`${simulator.baseURL}/v1/models`, { headers: HEADERS });
    expect(response.status).toBe(404);
    expect((await response.json()).error.type).toBe('not_found_error');
    const message = await (await post(body())).json();
    expect(message.content[0].text).toBe('still queued');
  });

  it('rejects a request without credentials with authentication_error', async () => {
    const response = await post(body(), {
      'content-type': 'application/json',
      'anthropic-version': '2026-10-21',
    });
    expect(response.status).toBe(401);
    expect((await response.json()).error.type).toBe('authentication_error');
  });

  it('rejects temperature on API version 2026-10-21', async () => {
    const response = await post(body({ temperature: 0.5 }));
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toContain('temperature');
  });

  it('rejects a thinking budget that does not fit in max_tokens', async () => {
    const response = await post(body({ thinking: { type: 'enabled', budget_tokens: 2048 } }));
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toContain('budget_tokens');
  });
});

describe('Anthropic simulator: streams', () => {
  it('streams the documented events with pings, deltas and the final usage', async () => {
    simulator.enqueue({
      kind: 'reply',
      reply: {
        reasoning: 'Think first.',
        reasoningSignature: 'sig-abc',
        text: 'Hello world again',
        toolCalls: [{ id: 'toolu_9', name: 'lookup', arguments: { query: 'cats and dogs' } }],
        usage: { inputTokens: 40, cacheReadTokens: 30, outputTokens: 12 },
      },
    });
    const response = await post(body({ stream: true }));
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const events = parseSse(await response.text());
    for (const event of events) expect(json(event)['type']).toBe(event.event);
    const names = events.map((event) => event.event);
    expect(names[0]).toBe('message_start');
    expect(names[1]).toBe('content_block_start');
    expect(names[2]).toBe('ping');
    expect(names.slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect(names.filter((name) => name === 'content_block_start')).toHaveLength(3);
    expect(names.filter((name) => name === 'content_block_stop')).toHaveLength(3);

    const start = json(events[0]!);
    expect(start['message']).toMatchObject({
      content: [],
      stop_reason: null,
      usage: { input_tokens: 10, cache_read_input_tokens: 30, cache_creation_input_tokens: 0 },
    });
    const deltas = events
      .filter((event) => event.event === 'content_block_delta')
      .map((event) => json(event)['delta'] as Record<string, string>);
    const joined = (type: string, field: string) =>
      deltas
        .filter((delta) => delta['type'] === type)
        .map((delta) => delta[field])
        .join('');
    expect(joined('thinking_delta', 'thinking')).toBe('Think first.');
    expect(joined('signature_delta', 'signature')).toBe('sig-abc');
    expect(joined('text_delta', 'text')).toBe('Hello world again');
    expect(deltas.filter((delta) => delta['type'] === 'text_delta').length).toBe(3);
    expect(JSON.parse(joined('input_json_delta', 'partial_json'))).toEqual({
      query: 'cats and dogs',
    });
    const messageDelta = json(events.at(-2)!);
    expect(messageDelta).toMatchObject({
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: { output_tokens: 12, input_tokens: 10, cache_read_input_tokens: 30 },
    });
  });

  it('honours chunkSize for text deltas', async () => {
    simulator.enqueue({ kind: 'reply', reply: { text: 'abcdefgh' }, chunkSize: 3 });
    const events = parseSse(await (await post(body({ stream: true }))).text());
    const texts = events
      .filter((event) => event.event === 'content_block_delta')
      .map((event) => (json(event)['delta'] as { text: string }).text);
    expect(texts).toEqual(['abc', 'def', 'gh']);
  });

  it('sends an error event mid-stream for stream-error, with HTTP 200', async () => {
    simulator.enqueue({
      kind: 'stream-error',
      reply: { text: 'one two three four' },
      afterChunks: 3,
      status: 529,
    });
    const response = await post(body({ stream: true }));
    expect(response.status).toBe(200);
    const events = parseSse(await response.text());
    const last = events.at(-1)!;
    expect(last.event).toBe('error');
    expect(JSON.parse(last.data)).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
    });
    // message_start, content_block_start, (ping), one text delta, then the error.
    expect(events.filter((event) => event.event !== 'ping')).toHaveLength(4);
  });

  it('cuts the connection after the given number of events for disconnect', async () => {
    simulator.enqueue({ kind: 'disconnect', reply: { text: 'one two three' }, afterChunks: 2 });
    const response = await post(body({ stream: true }));
    await expect(response.text()).rejects.toThrow();
  });

  it('sends a malformed event and then stays open until the client leaves', async () => {
    simulator.enqueue({ kind: 'malformed-chunk', reply: { text: 'one two' }, afterChunks: 1 });
    const controller = new AbortController();
    const response = await post(body({ stream: true }), HEADERS, controller.signal);
    const reader = response.body!.getReader();
    let text = '';
    const decoder = new TextDecoder();
    while (!text.includes('unterminat')) {
      const { value } = await reader.read();
      text += decoder.decode(value, { stream: true });
    }
    expect(text).toContain('event: content_block_delta\ndata: {"type":"content_block_delta"');
    const before = simulator.abortedConnections;
    const aborted = simulator.waitForAbort();
    controller.abort();
    await aborted;
    expect(simulator.abortedConnections).toBe(before + 1);
  });

  it('splits events inside multi-byte characters and still decodes them', async () => {
    simulator.enqueue({ kind: 'reply', reply: { text: 'héllo wörld ✓' }, splitMultibyte: true });
    const chunks = await rawChunks(JSON.stringify(body({ stream: true })));
    const events = parseSse(Buffer.concat(chunks).toString('utf8'));
    const text = events
      .filter((event) => event.event === 'content_block_delta')
      .map((event) => (json(event)['delta'] as { text: string }).text)
      .join('');
    expect(text).toBe('héllo wörld ✓');
    // At least one network chunk ends inside a character: it cannot be decoded on its own.
    const cutInside = chunks.some((chunk) => !Buffer.from(chunk.toString('utf8')).equals(chunk));
    expect(cutInside).toBe(true);
  });
});

describe('Anthropic simulator: errors', () => {
  it.each([
    [400, 'invalid_request_error'],
    [401, 'authentication_error'],
    [403, 'permission_error'],
    [404, 'not_found_error'],
    [413, 'request_too_large'],
    [429, 'rate_limit_error'],
    [500, 'api_error'],
    [529, 'overloaded_error'],
  ])('answers status %i with the documented %s body', async (status, type) => {
    simulator.enqueue({ kind: 'error', status });
    const response = await post(body());
    expect(response.status).toBe(status);
    const requestId = response.headers.get('request-id');
    const error = await response.json();
    expect(error).toEqual({
      type: 'error',
      error: { type, message: expect.any(String) },
      request_id: requestId,
    });
  });

  it('adds retry-after and the anthropic-ratelimit headers on 429', async () => {
    simulator.enqueue({ kind: 'error', status: 429, message: 'Slow down' });
    const response = await post(body());
    expect(response.headers.get('retry-after')).toBe('20');
    expect(response.headers.get('anthropic-ratelimit-requests-remaining')).toBe('0');
    expect(response.headers.get('anthropic-ratelimit-tokens-reset')).toMatch(/Z$/);
    expect((await response.json()).error.message).toBe('Slow down');
  });

  it('lets a step override the error type and headers', async () => {
    simulator.enqueue({
      kind: 'error',
      status: 400,
      vendorCode: 'invalid_request_error',
      message: 'prompt is too long: 250000 tokens > 200000 maximum',
      headers: { 'x-custom': 'yes' },
    });
    const response = await post(body());
    expect(response.headers.get('x-custom')).toBe('yes');
    expect((await response.json()).error.message).toContain('prompt is too long');
  });
});

describe('Anthropic simulator: hang, recorded and raw', () => {
  it('hangs until the client aborts, and counts the aborted connection', async () => {
    simulator.enqueue({ kind: 'hang' });
    const controller = new AbortController();
    const pending = post(body(), HEADERS, controller.signal);
    await waitFor(() => simulator.requests.length === 1);
    const before = simulator.abortedConnections;
    const aborted = simulator.waitForAbort();
    controller.abort();
    await expect(pending).rejects.toThrow();
    await aborted;
    expect(simulator.abortedConnections).toBe(before + 1);
  });

  it('replays recorded chunks, naming each event by its type', async () => {
    const chunks = [
      '{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"m","usage":{"input_tokens":1,"output_tokens":1}}}',
      '{"type":"ping"}',
      '',
      '{"type":"message_stop"}',
    ];
    simulator.enqueue({ kind: 'recorded', chunks });
    const events = parseSse(await (await post(body({ stream: true }))).text());
    expect(events.map((event) => event.event)).toEqual(['message_start', 'ping', 'message_stop']);
    expect(events[0]!.data).toBe(chunks[0]);
  });

  it('replays a recorded JSON body byte for byte', async () => {
    const recorded = '{\n  "id": "msg_x",\n  "type": "message"\n}\n';
    simulator.enqueue({ kind: 'recorded', json: recorded });
    expect(await (await post(body())).text()).toBe(recorded);
  });

  it('sends raw bodies exactly', async () => {
    simulator.enqueue({
      kind: 'raw',
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html>bad gateway</html>',
    });
    const response = await post(body());
    expect(response.status).toBe(502);
    expect(await response.text()).toBe('<html>bad gateway</html>');
  });

  it('records every request with its headers and parsed body', async () => {
    await post(body({ system: 'Be brief.' }));
    expect(simulator.requests).toHaveLength(1);
    expect(simulator.requests[0]).toMatchObject({
      method: 'POST',
      url: '/v1/messages',
      body: { system: 'Be brief.', max_tokens: 1024 },
    });
    expect(simulator.requests[0]!.headers['anthropic-version']).toBe('2026-10-21');
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The response body as the network chunks it arrived in. */
function rawChunks(payload: string): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${simulator.baseURL}/v1/messages`,
      { method: 'POST', headers: HEADERS },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(chunks));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}
