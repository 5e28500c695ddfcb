import {
  AbortError,
  ConfigurationError,
  createClient,
  InvalidRequestError,
  RateLimitError,
  registerModel,
  type StreamEvent,
  TimeoutError,
} from '@stratum/core';
import { describe, expect, it } from 'vitest';
import { createMockProvider } from '../src/index.js';

const ask = (model = 'mock/model-a') => ({
  model,
  messages: [{ role: 'user' as const, content: 'Hello mock' }],
});

async function collect(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const collected: StreamEvent[] = [];
  for await (const event of events) collected.push(event);
  return collected;
}

describe('createMockProvider', () => {
  it('answers scripted responses in order and records each call', async () => {
    const mock = createMockProvider({
      responses: [
        { text: 'first' },
        { text: 'second', usage: { inputTokens: 3, outputTokens: 2 } },
      ],
    });
    const client = createClient({ providers: [mock] });
    const first = await client.chat(ask());
    const second = await client.chat({ ...ask('mock/model-b'), temperature: 0.5 });
    expect([first.text, second.text]).toEqual(['first', 'second']);
    expect(second.usage).toMatchObject({ inputTokens: 3, outputTokens: 2, totalTokens: 5 });
    expect(mock.calls.map((call) => [call.method, call.request.model])).toEqual([
      ['chat', 'model-a'],
      ['chat', 'model-b'],
    ]);
    expect(mock.calls[1]?.request.temperature).toBe(0.5);
    const third = client.chat(ask());
    await expect(third).rejects.toBeInstanceOf(ConfigurationError);
    await expect(third).rejects.toThrow(/no scripted response left for call 3 \(it was given 2\)/);
  });

  it('estimates usage at four characters a token when none is scripted', async () => {
    const mock = createMockProvider({ responses: { text: 'abcdefgh' } });
    const response = await createClient({ providers: [mock] }).chat(ask());
    // '"Hello mock"' as JSON is 12 characters → 3 tokens; 'abcdefgh' → 2 tokens.
    expect(response.usage).toMatchObject({ inputTokens: 3, outputTokens: 2, totalTokens: 5 });
  });

  it('uses one response for every call, or a function of the request', async () => {
    const same = createMockProvider({ responses: { text: 'always' } });
    const client = createClient({ providers: [same] });
    expect((await client.chat(ask())).text).toBe('always');
    expect((await client.chat(ask())).text).toBe('always');
    const echo = createMockProvider({
      name: 'echo',
      responses: (request, callNumber) => ({ text: `${callNumber}: ${request.model}` }),
    });
    const echoClient = createClient({ providers: [echo] });
    expect((await echoClient.chat(ask('echo/x'))).text).toBe('1: x');
    expect((await echoClient.chat(ask('echo/y'))).text).toBe('2: y');
  });

  it('returns tool calls and reasoning, and is priced like any provider', async () => {
    registerModel({ id: 'mock/priced', pricing: { input: 2, output: 8 } });
    const mock = createMockProvider({
      responses: {
        reasoning: 'Need the weather.',
        toolCalls: [{ id: 'call_1', name: 'weather', arguments: { city: 'Lima' } }],
        usage: { inputTokens: 1_000, outputTokens: 500, reasoningTokens: 100 },
      },
    });
    const response = await createClient({ providers: [mock] }).chat(ask('mock/priced'));
    expect(response.reasoning).toBe('Need the weather.');
    expect(response.finishReason).toBe('tool-calls');
    expect(response.toolCalls).toEqual([
      {
        id: 'call_1',
        name: 'weather',
        arguments: { city: 'Lima' },
        rawArguments: '{"city":"Lima"}',
      },
    ]);
    // 1000 × $2/M = $0.002; 500 × $8/M = $0.004; total $0.006.
    expect(response.cost?.total).toBe(0.006);
  });

  it('throws Stratum error instances, and maps a status the way providers do', async () => {
    const mock = createMockProvider({
      responses: [
        { error: new InvalidRequestError('bad input', { provider: 'mock' }) },
        { error: { status: 429, message: 'slow down', headers: { 'retry-after': '3' } } },
      ],
    });
    const client = createClient({ providers: [mock] });
    await expect(client.chat(ask())).rejects.toThrow('bad input');
    const limited = client.chat(ask());
    await expect(limited).rejects.toBeInstanceOf(RateLimitError);
    await expect(limited).rejects.toMatchObject({
      retryAfterMs: 3_000,
      status: 429,
      provider: 'mock',
    });
  });

  it('streams scripted chunks with a pause between them, then tool calls and one finish', async () => {
    const mock = createMockProvider({
      responses: {
        chunks: ['Hel', 'lo ', 'world'],
        chunkDelayMs: 30,
        toolCalls: [{ id: 'c1', name: 'f', arguments: '{"a":1}' }],
        usage: { inputTokens: 4, outputTokens: 6 },
      },
    });
    const started = performance.now();
    const events = await collect(createClient({ providers: [mock] }).stream(ask()));
    expect(performance.now() - started).toBeGreaterThanOrEqual(80);
    expect(events.map((event) => event.type)).toEqual([
      'text-delta',
      'text-delta',
      'text-delta',
      'tool-call-delta',
      'tool-call',
      'finish',
    ]);
    const finish = events.at(-1);
    if (finish?.type !== 'finish') throw new Error('no finish');
    expect(finish.response.text).toBe('Hello world');
    expect(finish.response.toolCalls[0]?.arguments).toEqual({ a: 1 });
    expect(finish.response.usage.totalTokens).toBe(10);
    expect(mock.calls[0]?.method).toBe('stream');
  });

  it('fails a stream after the given number of chunks', async () => {
    const mock = createMockProvider({
      responses: { text: 'one two three', afterChunks: 2, error: { status: 503 } },
    });
    const received: string[] = [];
    const failure = (async () => {
      for await (const text of createClient({ providers: [mock] }).stream(ask()).textStream)
        received.push(text);
    })();
    await expect(failure).rejects.toMatchObject({ code: 'provider_unavailable', status: 503 });
    expect(received).toEqual(['one ', 'two ']);
  });

  it('honours the abort signal during latency and between chunks', async () => {
    const mock = createMockProvider({
      responses: [
        { text: 'slow', latencyMs: 60_000 },
        { text: 'a b c d', chunkDelayMs: 60_000 },
      ],
    });
    const client = createClient({ providers: [mock] });
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 30);
    await expect(client.chat({ ...ask(), signal: controller.signal })).rejects.toBeInstanceOf(
      AbortError,
    );
    const streamController = new AbortController();
    const received: string[] = [];
    const failure = (async () => {
      for await (const text of client.stream({ ...ask(), signal: streamController.signal })
        .textStream) {
        received.push(text);
        streamController.abort();
      }
    })();
    await expect(failure).rejects.toBeInstanceOf(AbortError);
    expect(received).toEqual(['a ']);
    // Without the signal the two waits alone would take two minutes.
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  it('ends with a TimeoutError when timeoutMs runs out during latency', async () => {
    const mock = createMockProvider({ responses: { text: 'late', latencyMs: 5_000 } });
    const failure = createClient({ providers: [mock] }).chat({ ...ask(), timeoutMs: 50 });
    await expect(failure).rejects.toBeInstanceOf(TimeoutError);
  });

  it('reset forgets calls and can swap the script', async () => {
    const mock = createMockProvider({ responses: [{ text: 'old' }] });
    const client = createClient({ providers: [mock] });
    await client.chat(ask());
    mock.reset([{ text: 'new' }]);
    expect(mock.calls).toHaveLength(0);
    expect((await client.chat(ask())).text).toBe('new');
  });
});
