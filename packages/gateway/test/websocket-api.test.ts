import { request as httpRequest } from 'node:http';
import { createClient } from '@stratum/core';
import { createOpenAI } from '@stratum/provider-openai';
import { type OpenAISimulator, startOpenAISimulator } from '@stratum/testing';
import { createMemoryStore, createTracker } from '@stratum/tracker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { createGateway } from '../src/create-gateway.js';
import { type ServedGateway, serveGateway } from '../src/serve/serve-gateway.js';
import { createCallFeed } from '../src/websocket/call-feed.js';

type Message = Record<string, unknown> & { type: string; id?: string };

let simulator: OpenAISimulator;
let served: ServedGateway;

beforeAll(async () => {
  simulator = await startOpenAISimulator();
  const calls = createCallFeed(createMemoryStore());
  const tracker = createTracker({ store: calls.store });
  const client = createClient({
    providers: [createOpenAI({ apiKey: 'sk-upstream-secret', baseURL: simulator.baseURL })],
    middleware: [tracker.middleware],
  });
  served = await serveGateway(createGateway({ client, calls }), { port: 0 });
});
afterAll(async () => {
  await served.close();
  await simulator.close();
});

/** A real WebSocket client (Node's own, the WHATWG one browsers have) with a message queue. */
async function connect() {
  const socket = new WebSocket(`${served.url.replace('http', 'ws')}/api/ws`);
  const received: Message[] = [];
  const waiters: Array<{ test: (message: Message) => boolean; wake: (m: Message) => void }> = [];
  socket.addEventListener('message', (event) => {
    const message: Message = JSON.parse(String(event.data));
    received.push(message);
    for (const waiter of waiters.filter((each) => each.test(message))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.wake(message);
    }
  });
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', reject, { once: true });
  });
  return {
    socket,
    received,
    send: (message: unknown) => socket.send(JSON.stringify(message)),
    next(test: (message: Message) => boolean): Promise<Message> {
      const already = received.find(test);
      if (already) return Promise.resolve(already);
      return new Promise((wake) => waiters.push({ test, wake }));
    },
  };
}

const request = (content: string) => ({
  model: 'openai/gpt-4.1-mini',
  messages: [{ role: 'user', content }],
});

describe('GET /api/ws', () => {
  it('streams events then done with usage and the exact cost', async () => {
    simulator.enqueue({
      kind: 'reply',
      reply: { text: 'one two three four', usage: { inputTokens: 10, outputTokens: 4 } },
    });
    const client = await connect();
    client.send({ type: 'start', id: 'c1', request: request('Count') });
    const done = await client.next((message) => message.type === 'done' && message.id === 'c1');
    const text = client.received
      .filter((message) => message.type === 'event' && message.id === 'c1')
      .map((message) => message.event as { type: string; text?: string })
      .filter((event) => event.type === 'text-delta')
      .map((event) => event.text)
      .join('');
    expect(text).toBe('one two three four');
    const result = done.result as Record<string, unknown>;
    expect(result.usage).toMatchObject({ inputTokens: 10, outputTokens: 4 });
    // gpt-4.1-mini: $0.40 in, $1.60 out per million: 10 × 0.4 + 4 × 1.6 = 10.4 µ$.
    expect(result.cost).toEqual({ usd: 0.0000104, picodollars: '10400000' });
    expect(result.provider).toBe('openai');
    expect(typeof result.timeToFirstTokenMs).toBe('number');
    expect(JSON.stringify(client.received)).not.toContain('sk-upstream-secret');
    client.socket.close();
  });

  it('cancel aborts the upstream request: the simulator sees its connection close', async () => {
    simulator.reset();
    const words = Array.from({ length: 200 }, (_, index) => `word${index}`).join(' ');
    simulator.enqueue({ kind: 'reply', reply: { text: words }, chunkDelayMs: 50 });
    const client = await connect();
    client.send({ type: 'start', id: 'slow', request: request('Talk a lot') });
    await client.next((message) => message.type === 'event' && message.id === 'slow');
    const aborted = simulator.waitForAbort();
    client.send({ type: 'cancel', id: 'slow' });
    await aborted;
    expect(simulator.abortedConnections).toBe(1);
    await client.next((message) => message.type === 'cancelled' && message.id === 'slow');
    expect(client.received.some((message) => message.type === 'done')).toBe(false);
    client.socket.close();
  });

  it('closing the socket aborts what it still had running', async () => {
    simulator.reset();
    simulator.enqueue({ kind: 'hang' });
    const client = await connect();
    client.send({ type: 'start', id: 'h', request: request('Wait') });
    await simulator.waitForRequest(1);
    const aborted = simulator.waitForAbort();
    client.socket.close();
    await aborted;
    expect(simulator.abortedConnections).toBe(1);
  });

  it('answers bad messages and bad requests with errors, and stays open', async () => {
    const client = await connect();
    client.send('not json');
    client.socket.send('{"type":"start","id":"x"}');
    const missing = await client.next((message) => message.type === 'error' && message.id === 'x');
    expect((missing.error as { message: string }).message).toContain('request');
    client.send({ type: 'start', id: 'empty', request: { model: 'openai/gpt-4.1-mini' } });
    const invalid = await client.next(
      (message) => message.type === 'error' && message.id === 'empty',
    );
    expect(invalid.error).toMatchObject({ status: 400 });
    expect((invalid.error as { message: string }).message).toContain('messages');
    const unknown = { ...request('Hi'), model: 'nowhere/gpt-9' };
    client.send({ type: 'start', id: 'unknown', request: unknown });
    const notFound = await client.next(
      (message) => message.type === 'error' && message.id === 'unknown',
    );
    expect(notFound.error).toMatchObject({ status: 404 });
    expect(client.received.filter((message) => message.type === 'error')).toHaveLength(4);
    expect(client.socket.readyState).toBe(WebSocket.OPEN);
    client.socket.close();
  });

  it('reports a vendor failure in mid-stream as an error for that id', async () => {
    simulator.reset();
    simulator.enqueue({
      kind: 'stream-error',
      reply: { text: 'one two three four five' },
      afterChunks: 2,
      status: 500,
      message: 'The server had an error while processing your request.',
    });
    const client = await connect();
    client.send({ type: 'start', id: 'broken', request: request('Fail halfway') });
    const failed = await client.next(
      (message) => message.id === 'broken' && ['error', 'done'].includes(message.type),
    );
    expect(failed.type).toBe('error');
    expect((failed.error as { status: number }).status).toBeGreaterThanOrEqual(500);
    expect(client.received.some((message) => message.type === 'event')).toBe(true);
    client.socket.close();
  });

  it('runs two streams at once on one socket, kept apart by id', async () => {
    simulator.reset();
    simulator.enqueue(
      { kind: 'reply', reply: { text: 'alpha beta' }, chunkDelayMs: 10 },
      { kind: 'reply', reply: { text: 'gamma delta' }, chunkDelayMs: 10 },
    );
    const client = await connect();
    client.send({ type: 'start', id: 'a', request: request('First') });
    client.send({ type: 'start', id: 'b', request: request('Second') });
    await client.next((message) => message.type === 'done' && message.id === 'a');
    await client.next((message) => message.type === 'done' && message.id === 'b');
    const textOf = (id: string) =>
      client.received
        .filter((message) => message.type === 'event' && message.id === id)
        .map((message) => (message.event as { text?: string }).text ?? '')
        .join('');
    expect([textOf('a'), textOf('b')].sort()).toEqual(['alpha beta', 'gamma delta']);
    client.socket.close();
  });

  it('refuses a browser page from another origin, with 403', async () => {
    const url = `${served.url}/api/ws`;
    const headers = {
      connection: 'Upgrade',
      upgrade: 'websocket',
      'sec-websocket-version': '13',
      'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
    };
    const foreign = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(url, { headers: { ...headers, origin: 'https://evil.example' } });
      request.on('response', (response) => resolve(response.statusCode ?? 0));
      request.on('upgrade', () => resolve(101));
      request.on('error', reject);
      request.end();
    });
    expect(foreign).toBe(403);
    // The page the gateway serves itself is same-origin and gets in.
    const own = new NodeWebSocket(`${served.url.replace('http', 'ws')}/api/ws`, {
      headers: { origin: served.url },
    });
    await new Promise((resolve, reject) => {
      own.addEventListener('open', resolve, { once: true });
      own.addEventListener('error', reject, { once: true });
    });
    own.close();
  });

  it('sends each tracked call to subscribers of the calls topic', async () => {
    simulator.reset();
    simulator.enqueue({
      kind: 'reply',
      reply: { text: 'tracked', usage: { inputTokens: 3, outputTokens: 1 } },
    });
    const watcher = await connect();
    watcher.send({ type: 'subscribe', topics: ['calls'] });
    // The subscription is in place once the server has read it; a round trip proves that.
    watcher.send({ type: 'cancel', id: 'none' });
    watcher.send('ping');
    await watcher.next((message) => message.type === 'error');
    const caller = await connect();
    caller.send({ type: 'start', id: 't', request: request('Track me') });
    const call = await watcher.next((message) => message.type === 'call');
    const record = call.record as Record<string, unknown>;
    expect(record).toMatchObject({ model: 'openai/gpt-4.1-mini', inputTokens: 3, outputTokens: 1 });
    expect((record.cost as { total: number }).total).toBe(3 * 400_000 + 1_600_000);
    watcher.socket.close();
    caller.socket.close();
  });
});

describe('GET /api/ws with gateway API keys', () => {
  const KEY = 'sgw-socket-bob-6b1d0e9f2a7c';
  let keyed: ServedGateway;
  let tracker: ReturnType<typeof createTracker>;

  beforeAll(async () => {
    tracker = createTracker({ store: createMemoryStore() });
    const client = createClient({
      providers: [createOpenAI({ apiKey: 'sk-upstream-secret', baseURL: simulator.baseURL })],
      middleware: [tracker.middleware],
    });
    keyed = await serveGateway(
      createGateway({
        client,
        tracker,
        keys: [{ id: 'bob', key: KEY, allowedModels: ['openai/gpt-4.1-mini'], tags: ['team:ws'] }],
      }),
      { port: 0 },
    );
  });
  afterAll(async () => {
    await keyed?.close();
  });

  /** A socket opened with the key on its upgrade request, as a server-side client sends it. */
  async function connectWithKey(key?: string) {
    const socket = new NodeWebSocket(`${keyed.url.replace('http', 'ws')}/api/ws`, {
      headers: key ? { authorization: `Bearer ${key}` } : {},
    });
    const received: Message[] = [];
    socket.on('message', (data) => received.push(JSON.parse(String(data))));
    const opened = await new Promise<number>((resolve, reject) => {
      socket.once('open', () => resolve(101));
      socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.once('error', reject);
    });
    const next = async (test: (message: Message) => boolean) => {
      for (;;) {
        const found = received.find(test);
        if (found) return found;
        await new Promise((resolve) => socket.once('message', resolve));
      }
    };
    return {
      socket,
      opened,
      next,
      send: (message: unknown) => socket.send(JSON.stringify(message)),
    };
  }

  it('refuses the upgrade without a key', async () => {
    const { opened, socket } = await connectWithKey();
    expect(opened).toBe(401);
    socket.terminate();
  });

  it("holds each stream to the key's models and tags its record with the key and the stream's request id", async () => {
    simulator.reset();
    simulator.enqueue({
      kind: 'reply',
      reply: { text: 'allowed', usage: { inputTokens: 2, outputTokens: 1 } },
    });
    const client = await connectWithKey(KEY);
    expect(client.opened).toBe(101);
    client.send({
      type: 'start',
      id: 'other',
      request: { ...request('Hi'), model: 'openai/gpt-4.1' },
    });
    const refused = await client.next((message) => message.id === 'other');
    expect(refused).toMatchObject({
      type: 'error',
      error: { status: 403, code: 'model_not_allowed' },
    });
    client.send({ type: 'start', id: 'mine', request: request('Hi') });
    const done = await client.next((message) => message.id === 'mine' && message.type !== 'event');
    expect(done.type).toBe('done');
    const { requestId } = done.result as { requestId: string };
    const { records } = await tracker.list({ limit: 10 });
    expect(records).toHaveLength(1);
    expect(records[0]?.tags).toMatchObject({ apiKeyId: 'bob', team: 'ws', requestId });
    expect(simulator.requests).toHaveLength(1);
    expect(JSON.stringify(records)).not.toContain(KEY);
    client.socket.close();
  });
});
