import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { WebSocketServer } from 'ws';

export interface ServeGatewayOptions {
  /** Default 0: a free port, read back from `url`. */
  port?: number;
  /** Default `127.0.0.1`; listen wider only behind a proxy that terminates TLS and auth. */
  hostname?: string;
}

export interface ServedGateway {
  /** `http://host:port`, with the port actually bound. */
  readonly url: string;
  readonly port: number;
  /** Closes open WebSockets (their streams abort upstream) and stops the HTTP server. */
  close(): Promise<void>;
}

/**
 * Serves a gateway app on Node with the WebSocket upgrade wired in (`/api/ws` needs the server
 * to hand it upgrade requests, which `@hono/node-server` does through a `ws` server).
 */
export async function serveGateway(
  app: Hono,
  options: ServeGatewayOptions = {},
): Promise<ServedGateway> {
  const hostname = options.hostname ?? '127.0.0.1';
  const sockets = new WebSocketServer({ noServer: true });
  const server = serve({
    fetch: app.fetch,
    port: options.port ?? 0,
    hostname,
    websocket: { server: sockets },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://${hostname}:${port}`,
    port,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Kept-alive idle connections would otherwise hold the close open until they time out.
      if ('closeAllConnections' in server) server.closeAllConnections();
      await closed;
    },
  };
}
