import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { RecordedRequest, SimulatorStep } from './scenario.js';

/** What a vendor simulator implements: how to answer one request with one step. */
export interface VendorHandler {
  /** Answers the request; `request.body` is already parsed. */
  handle(exchange: Exchange, step: SimulatorStep): Promise<void>;
  /** The step used when nothing is queued. */
  defaultStep(request: RecordedRequest): SimulatorStep;
  /**
   * Answers requests that take no step (a model list, an unknown path) and returns `true`, or
   * returns `false` to let the request take the next queued step. Optional.
   */
  answerWithoutStep?(exchange: Exchange): boolean | Promise<boolean>;
}

export interface Exchange {
  request: RecordedRequest;
  response: ServerResponse;
  socket: Socket;
  /** Fires when the client closes the connection. */
  closed: Promise<void>;
  isClosed(): boolean;
}

export interface Simulator {
  /** Origin, e.g. `http://127.0.0.1:54321`. */
  readonly origin: string;
  /** Queues steps, answered in order by the next requests. */
  enqueue(...steps: SimulatorStep[]): void;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** The JSON body of the latest request, as an object; throws when there is none. */
  lastRequestBody(): Record<string, unknown>;
  /** Connections the client closed before the simulator finished answering. */
  readonly abortedConnections: number;
  /**
   * Resolves when a client closes a connection the simulator was still answering. The timeout
   * is only a backstop for a test that would otherwise hang; it is generous so a loaded
   * machine does not trip it.
   */
  waitForAbort(timeoutMs?: number): Promise<void>;
  /**
   * Resolves once `count` requests (counted since the last reset) have arrived, so a test can
   * act on a request in flight (abort it, say) instead of guessing how long it takes to arrive.
   */
  waitForRequest(count?: number): Promise<RecordedRequest>;
  reset(): void;
  close(): Promise<void>;
}

/**
 * An HTTP server on 127.0.0.1 with a random port that answers with queued steps, in the
 * format of the vendor the handler speaks.
 */
export async function startHttpSimulator(handler: VendorHandler): Promise<Simulator> {
  const queue: SimulatorStep[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let abortedConnections = 0;
  let abortWaiters: Array<() => void> = [];
  let requestWaiters: Array<{ count: number; wake: (request: RecordedRequest) => void }> = [];

  const server: Server = createServer((incoming, response) => {
    void answer(incoming, response);
  });
  // Idle connections stay open well past any pause between a test's calls: a server that closes
  // them soon races the client reusing them, and on a loaded machine the client loses with
  // ECONNRESET. The client's own idle timeout (the hint minus its margin) closes them first;
  // close() destroys whatever is left.
  server.keepAliveTimeout = 30_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function answer(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(incoming.headers)) {
      if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
    }
    const request: RecordedRequest = {
      method: incoming.method ?? 'GET',
      url: incoming.url ?? '/',
      headers,
      body: parseBody(text),
      rawBody: text,
      receivedAt: Date.now(),
    };
    requests.push(request);
    const due = requestWaiters.filter((waiter) => waiter.count <= requests.length);
    requestWaiters = requestWaiters.filter((waiter) => waiter.count > requests.length);
    for (const waiter of due) waiter.wake(request);
    let finished = false;
    response.on('finish', () => {
      finished = true;
    });
    const closed = new Promise<void>((resolve) => {
      response.on('close', () => {
        if (!finished) {
          abortedConnections += 1;
          const waiters = abortWaiters;
          abortWaiters = [];
          for (const wake of waiters) wake();
        }
        resolve();
      });
    });
    const exchange: Exchange = {
      request,
      response,
      socket: incoming.socket,
      closed,
      isClosed: () => response.destroyed || response.writableEnded,
    };
    try {
      if (await handler.answerWithoutStep?.(exchange)) return;
      const step = queue.shift() ?? handler.defaultStep(request);
      await handler.handle(exchange, step);
    } catch (error) {
      if (!response.headersSent) {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: `simulator failure: ${String(error)}` } }));
      } else {
        response.destroy();
      }
    }
  }

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    get abortedConnections() {
      return abortedConnections;
    },
    lastRequestBody() {
      const body = requests.at(-1)?.body;
      if (typeof body !== 'object' || body === null) {
        throw new Error(`the last of ${requests.length} requests has no JSON object body`);
      }
      return { ...body };
    },
    enqueue: (...steps) => {
      queue.push(...steps);
    },
    waitForRequest(count = 1) {
      const arrived = requests[count - 1];
      if (arrived) return Promise.resolve(arrived);
      return new Promise<RecordedRequest>((wake) => {
        requestWaiters.push({ count, wake });
      });
    },
    waitForAbort(timeoutMs = 15_000) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no connection was aborted within ${timeoutMs} ms`)),
          timeoutMs,
        );
        abortWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    reset() {
      queue.length = 0;
      requests.length = 0;
      abortedConnections = 0;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
