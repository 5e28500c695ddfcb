import { once } from 'node:events';
import { connect } from 'node:net';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { type ServedGateway, serveGateway } from '../src/serve/serve-gateway.js';

const open: ServedGateway[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((served) => served.close()));
});

/** A promise with its resolver outside, for a handler the test lets go of. */
function deferred<T = void>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

async function start(app: Hono, options: Partial<Parameters<typeof serveGateway>[1]> = {}) {
  const served = await serveGateway(app, { port: 0, ...options });
  open.push(served);
  return served;
}

/** Connects a raw TCP socket and resolves with its error code, or `connected`. */
async function tryConnect(port: number): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  try {
    await once(socket, 'connect');
    return 'connected';
  } catch (error) {
    return error instanceof Error && 'code' in error ? String(error.code) : 'unknown';
  } finally {
    socket.destroy();
  }
}

describe('serveGateway', () => {
  it('listens on 127.0.0.1 by default and serves the app', async () => {
    const app = new Hono().get('/health', (context) => context.json({ status: 'ok' }));
    const served = await start(app);
    expect(served.host).toBe('127.0.0.1');
    expect(served.port).toBeGreaterThan(0);
    const response = await fetch(`${served.url}/health`);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('drops a slowloris client that never finishes its headers', async () => {
    const served = await start(new Hono(), { headersTimeoutMs: 300 });
    const socket = connect(served.port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    // One more header byte now and then: activity on the socket must not keep it alive.
    const trickle = setInterval(() => socket.write('x'), 50);
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString();
    });
    const started = Date.now();
    await once(socket, 'close');
    clearInterval(trickle);
    expect(received).toContain('408');
    // Generous: the point is that it ends, not when to the millisecond on a loaded machine.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('finishes an in-flight request during shutdown, refuses new connections, then runs onShutdown', async () => {
    const entered = deferred();
    const release = deferred();
    const order: string[] = [];
    const app = new Hono().get('/slow', async (context) => {
      entered.resolve();
      await release.promise;
      order.push('responded');
      return context.text('finished');
    });
    const served = await start(app, {
      shutdownDeadlineMs: 30_000,
      onShutdown: () => {
        order.push('shutdown');
      },
    });
    const inFlight = fetch(`${served.url}/slow`);
    await entered.promise;
    const closed = served.close();
    expect(await tryConnect(served.port)).toBe('ECONNREFUSED');
    release.resolve();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('finished');
    await closed;
    expect(order).toEqual(['responded', 'shutdown']);
  });

  it('cuts off requests still open at the shutdown deadline and still runs onShutdown', async () => {
    const entered = deferred();
    let shutdowns = 0;
    const app = new Hono().get('/never', async () => {
      entered.resolve();
      return new Promise<Response>(() => {});
    });
    const served = await start(app, {
      shutdownDeadlineMs: 200,
      onShutdown: () => {
        shutdowns += 1;
      },
    });
    const inFlight = fetch(`${served.url}/never`).then(
      () => 'answered',
      () => 'cut off',
    );
    await entered.promise;
    await served.close();
    expect(await inFlight).toBe('cut off');
    expect(shutdowns).toBe(1);
    await served.close();
    expect(shutdowns).toBe(1);
  });
});
