import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUpstreamFetch } from '../src/index.js';

const upstreamFetch = createUpstreamFetch();
let server: Server;
let origin: string;
/** Lets the `/sse` route send its last event only when the test has read the first. */
let releaseLastEvent: () => void = () => {};
/** Resolves when the server sees a client close a response it was still writing. */
let clientLeft: Promise<void> = Promise.resolve();

function answer(request: IncomingMessage, response: ServerResponse, body: string): void {
  const path = request.url ?? '/';
  if (path === '/json') {
    response.writeHead(200, [
      ['content-type', 'application/json'],
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
      ['x-request-id', 'req_1'],
    ]);
    response.end('{"ok":true}');
  } else if (path === '/gzip') {
    response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    response.end(gzipSync('{"compressed":true}'));
  } else if (path === '/empty') {
    response.writeHead(204);
    response.end();
  } else if (path === '/redirect') {
    response.writeHead(302, { location: '/json' });
    response.end('moved');
  } else if (path === '/echo') {
    response.writeHead(201, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        method: request.method,
        contentType: request.headers['content-type'] ?? null,
        custom: request.headers['x-custom'] ?? null,
        body,
      }),
    );
  } else if (path === '/sse') {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write('data: first\n\n');
    const released = new Promise<void>((resolve) => {
      releaseLastEvent = resolve;
    });
    void released.then(() => response.end('data: last\n\n'));
  } else if (path === '/endless') {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write('data: first\n\n');
    clientLeft = new Promise((resolve) => response.on('close', () => resolve()));
  } else {
    response.writeHead(404);
    response.end('not found');
  }
}

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => answer(request, response, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await upstreamFetch.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** What a caller can see of a response: the parts the SDKs read. */
async function seen(response: Response) {
  return {
    status: response.status,
    ok: response.ok,
    contentType: response.headers.get('content-type'),
    setCookie: response.headers.getSetCookie(),
    requestId: response.headers.get('x-request-id'),
    body: await response.text(),
  };
}

describe('the upstream fetch answers as the global fetch does', () => {
  it.each([
    ['a JSON reply with repeated headers', '/json', {}],
    ['a gzip-encoded reply, decoded', '/gzip', {}],
    ['a 204 with no body', '/empty', {}],
    ['a redirect, followed', '/redirect', {}],
    ['a 404', '/missing', {}],
    [
      'a POST with a string body and plain headers',
      '/echo',
      { method: 'POST', headers: { 'content-type': 'text/plain', 'x-custom': 'one' }, body: 'hi' },
    ],
    [
      'a POST with a byte body and a Headers object',
      '/echo',
      { method: 'POST', headers: new Headers({ 'x-custom': 'two' }), body: Buffer.from('bytes') },
    ],
  ])('%s', async (_name, path, init: RequestInit) => {
    const expected = await seen(await fetch(`${origin}${path}`, init));
    const actual = await seen(await upstreamFetch(`${origin}${path}`, init));
    expect(actual).toEqual(expected);
    expect(actual.status).not.toBe(0);
  });

  it('sends a form body through the global fetch', async () => {
    const response = await upstreamFetch(`${origin}/echo`, { method: 'POST', body: form() });
    const echoed = await response.json();
    expect(echoed.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(echoed.body).toContain('batch');
  });

  it('decodes the gzip reply to its JSON', async () => {
    const response = await upstreamFetch(`${origin}/gzip`);
    expect(await response.json()).toEqual({ compressed: true });
    expect(response.headers.get('content-encoding')).toBeNull();
  });

  it('hands over a streamed body before the upstream has finished it', async () => {
    const response = await upstreamFetch(`${origin}/sse`);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const first = await reader.read();
    expect(decoder.decode(first.value)).toBe('data: first\n\n');
    releaseLastEvent();
    let rest = '';
    for (let next = await reader.read(); !next.done; next = await reader.read())
      rest += decoder.decode(next.value, { stream: true });
    expect(rest).toBe('data: last\n\n');
  });

  it('closes the upstream connection when the signal aborts mid-stream', async () => {
    const controller = new AbortController();
    const response = await upstreamFetch(`${origin}/endless`, { signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await clientLeft;
    await expect(reader.read()).rejects.toThrow();
  });

  it('rejects with the signal reason when aborted before sending', async () => {
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    controller.abort(reason);
    await expect(upstreamFetch(`${origin}/json`, { signal: controller.signal })).rejects.toBe(
      reason,
    );
  });

  it('rejects with TypeError("fetch failed") when nothing listens, as fetch does', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const failure = await upstreamFetch(`http://127.0.0.1:${port}/json`).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(TypeError);
    expect(failure).toMatchObject({ message: 'fetch failed', cause: { code: 'ECONNREFUSED' } });
  });
});

function form(): FormData {
  const data = new FormData();
  data.append('purpose', 'batch');
  return data;
}
