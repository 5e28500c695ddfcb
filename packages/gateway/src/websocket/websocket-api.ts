import { upgradeWebSocket } from '@hono/node-server';
import type { ChatRequest, Client } from '@stratum/core';
import type { Hono } from 'hono';
import type { WSContext } from 'hono/ws';
import { errorReply } from '../errors/error-reply.js';
import { GatewayError } from '../errors/gateway-error.js';
import { asKeyCaller } from '../keys/gateway-keys.js';
import type { CallFeed } from './call-feed.js';
import { parseClientMessage } from './socket-messages.js';
import { streamResult } from './stream-result.js';

export interface WebSocketApiOptions {
  /** Feeds the `calls` topic; without it a `subscribe` is answered with an error. */
  calls?: CallFeed;
}

/**
 * `GET /api/ws`: streamed calls multiplexed by the client's ids, each cancellable (the upstream
 * request is aborted, not just no longer read), and the `calls` topic with every tracked call as
 * it finishes. Closing the socket aborts whatever it still has running.
 */
export function addWebSocketApi(app: Hono, client: Client, options: WebSocketApiOptions): void {
  app.get(
    '/api/ws',
    (context, next) => {
      // Browsers let any site open a WebSocket to 127.0.0.1 and send no CORS preflight for it;
      // refusing foreign origins keeps a visited page from spending through this gateway.
      const origin = context.req.header('origin');
      if (origin && !sameHost(origin, context.req.header('host'))) {
        throw new GatewayError(
          `A page from ${origin} may not open this gateway's WebSocket; serve the page from the gateway itself.`,
          { status: 403, type: 'permission_error', code: 'origin_not_allowed' },
        );
      }
      return next();
    },
    upgradeWebSocket((context) => {
      // The upgrade request carried the key (checked like any /api call); each stream on the
      // socket is held to that key's models, tags and budget as an HTTP call would be.
      const caller = context.get('callerKey');
      const running = new Map<string, AbortController>();
      let unsubscribe: (() => void) | undefined;
      let socket: WSContext | undefined;
      const send = (message: unknown) => {
        if (socket?.readyState === 1) socket.send(JSON.stringify(message));
      };

      async function run(id: string, request: ChatRequest): Promise<void> {
        const controller = new AbortController();
        running.set(id, controller);
        const requestId = crypto.randomUUID();
        const started = performance.now();
        let timeToFirstTokenMs: number | null = null;
        try {
          const asKey = asKeyCaller(caller, request, requestId);
          for await (const event of client.stream({ ...asKey, signal: controller.signal })) {
            if (event.type !== 'finish') {
              timeToFirstTokenMs ??= performance.now() - started;
              send({ type: 'event', id, event });
              continue;
            }
            const result = streamResult(event.response, { requestId, started, timeToFirstTokenMs });
            send({ type: 'done', id, result });
          }
          if (controller.signal.aborted) send({ type: 'cancelled', id });
        } catch (error) {
          if (controller.signal.aborted) send({ type: 'cancelled', id });
          else {
            const reply = errorReply(error);
            const { code, message } = reply.body.error;
            send({ type: 'error', id, error: { status: reply.status, code, message } });
          }
        } finally {
          running.delete(id);
        }
      }

      return {
        onOpen(_event, context) {
          socket = context;
        },
        onMessage(event, context) {
          socket = context;
          const parsed = parseClientMessage(typeof event.data === 'string' ? event.data : '');
          if (!parsed.ok) {
            send({
              type: 'error',
              id: parsed.id,
              error: { status: 400, code: 'invalid_message', message: parsed.message },
            });
            return;
          }
          const { message } = parsed;
          if (message.type === 'start') {
            if (running.has(message.id)) {
              send({
                type: 'error',
                id: message.id,
                error: {
                  status: 409,
                  code: 'duplicate_id',
                  message: `A stream with id "${message.id}" is already running; use a new id.`,
                },
              });
              return;
            }
            void run(message.id, message.request);
          } else if (message.type === 'cancel') {
            running.get(message.id)?.abort();
          } else if (message.topics.includes('calls') && unsubscribe === undefined) {
            if (!options.calls) {
              send({
                type: 'error',
                id: '',
                error: {
                  status: 501,
                  code: 'no_call_feed',
                  message: 'This gateway has no tracker call feed, so the "calls" topic is empty.',
                },
              });
              return;
            }
            unsubscribe = options.calls.subscribe((record) => send({ type: 'call', record }));
          }
        },
        onClose() {
          socket = undefined;
          unsubscribe?.();
          for (const controller of running.values()) controller.abort();
        },
      };
    }),
  );
}

function sameHost(origin: string, host: string | undefined): boolean {
  if (!URL.canParse(origin)) return false;
  return new URL(origin).host === host;
}
