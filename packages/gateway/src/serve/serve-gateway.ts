import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { WebSocketServer } from 'ws';

/**
 * Anything with a Fetch API handler: the app `createGateway` returns, or any Hono app. The
 * second argument carries the Node objects a WebSocket upgrade needs.
 */
export interface FetchApp {
  fetch(request: Request, environment?: unknown): Response | Promise<Response>;
}

export interface ServeGatewayOptions {
  /** Port to listen on; `0` picks a free one (read it from `ServedGateway.port`). */
  port: number;
  /** Interface to listen on (default `127.0.0.1`); `0.0.0.0` exposes the gateway to the network. */
  host?: string;
  /** How long `close()` waits for in-flight requests before cutting them off (default 10 s). */
  shutdownDeadlineMs?: number;
  /** A client must send its whole request head within this time (default 10 s), or is dropped. */
  headersTimeoutMs?: number;
  /** A client must send its whole request, body included, within this time (default 60 s). */
  requestTimeoutMs?: number;
  /** An idle keep-alive connection is closed after this time (default 5 s). */
  keepAliveTimeoutMs?: number;
  /** Runs once every connection is closed, e.g. to flush the tracker's store. */
  onShutdown?: () => void | Promise<void>;
}

export interface ServedGateway {
  /** The Node HTTP server, for `upgrade` listeners and metrics. */
  readonly server: Server;
  readonly host: string;
  readonly port: number;
  /** `http://host:port`. */
  readonly url: string;
  /**
   * Stops accepting connections, lets in-flight requests finish up to the shutdown deadline,
   * closes whatever is still open, then runs `onShutdown`. Calling it again returns the same promise.
   */
  close(): Promise<void>;
}

/**
 * Serves a gateway app on Node's HTTP server through `@hono/node-server`, with the timeouts a
 * public server needs (a client that trickles its headers must not hold a socket forever) and a
 * graceful shutdown. https://nodejs.org/api/http.html#serverheaderstimeout
 */
export async function serveGateway(
  app: FetchApp,
  options: ServeGatewayOptions,
): Promise<ServedGateway> {
  const host = options.host ?? '127.0.0.1';
  const headersTimeout = options.headersTimeoutMs ?? 10_000;
  const requestTimeout = Math.max(options.requestTimeoutMs ?? 60_000, headersTimeout);
  // `/api/ws` needs the server to hand it upgrade requests, which `@hono/node-server` does
  // through a `ws` server that owns no port of its own.
  const sockets = new WebSocketServer({ noServer: true });
  const created = createAdaptorServer({
    fetch: (request, environment) => app.fetch(request, environment),
    hostname: host,
    websocket: { server: sockets },
    serverOptions: {
      headersTimeout,
      requestTimeout,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 5_000,
      // Node only checks the two timeouts above on this interval (30 s by default), so a short
      // headers timeout would otherwise be enforced up to 30 s late.
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(headersTimeout / 4))),
    },
  });
  if (!isHttpServer(created)) throw new TypeError('serveGateway expected a Node HTTP server.');
  const server = created;
  let shuttingDown = false;
  server.on('request', (_request, response) => {
    // A keep-alive connection that finishes its last response during shutdown is closed at once
    // rather than left open until its keep-alive timeout.
    response.once('finish', () => {
      if (shuttingDown) setImmediate(() => server.closeIdleConnections());
    });
    if (shuttingDown && !response.headersSent) response.setHeader('connection', 'close');
  });
  server.listen(options.port, host);
  await once(server, 'listening');
  const address = server.address();
  const port = isAddressInfo(address) ? address.port : options.port;

  let closing: Promise<void> | undefined;
  const shutdown = async () => {
    shuttingDown = true;
    // An open WebSocket is a stream in flight with no end of its own: closing it aborts its calls.
    for (const socket of sockets.clients) socket.close(1001, 'The gateway is shutting down.');
    sockets.close();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        server.closeAllConnections();
        resolve();
      }, options.shutdownDeadlineMs ?? 10_000);
    });
    await Promise.race([closed, deadline]);
    clearTimeout(timer);
    await closed;
    await options.onShutdown?.();
  };
  return {
    server,
    host,
    port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close() {
      closing ??= shutdown();
      return closing;
    },
  };
}

function isHttpServer(server: object): server is Server {
  return 'closeIdleConnections' in server;
}

function isAddressInfo(address: string | AddressInfo | null): address is AddressInfo {
  return typeof address === 'object' && address !== null;
}
