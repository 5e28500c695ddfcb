import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { errorReply } from '../errors/error-reply.js';
import type { GatewayOptions } from '../gateway-options.js';
import { asCaller } from '../keys/gateway-keys.js';
import { readChatRequest } from '../server/read-json-body.js';
import { streamResult } from '../websocket/stream-result.js';

/**
 * `POST /api/models/stream`: each Stratum stream event as `event: <type>` with its JSON, then
 * `event: done` with usage and exact cost; a failure after the stream began is `event: error`.
 */
export function addStreamApi(app: Hono, options: GatewayOptions): void {
  app.post('/api/models/stream', async (context) => {
    const body = await readChatRequest(context);
    const requestId = context.res.headers.get('x-stratum-request-id') ?? crypto.randomUUID();
    const controller = new AbortController();
    const request = { ...asCaller(context, body), signal: controller.signal };
    const started = performance.now();
    // Also before the first event: a client gone while the vendor is thinking stops the call.
    context.req.raw.signal.addEventListener('abort', () => controller.abort(), { once: true });
    const iterator = options.client.stream(request)[Symbol.asyncIterator]();
    const first = await iterator.next();
    const timeToFirstTokenMs = performance.now() - started;
    return streamSSE(context, async (sse) => {
      sse.onAbort(() => controller.abort());
      try {
        for (let step = first; !step.done; step = await iterator.next()) {
          const event = step.value;
          if (event.type !== 'finish') {
            await sse.writeSSE({ event: event.type, data: JSON.stringify(event) });
            continue;
          }
          const result = streamResult(event.response, { requestId, started, timeToFirstTokenMs });
          await sse.writeSSE({ event: 'done', data: JSON.stringify(result) });
        }
      } catch (error) {
        // The client left: the abort already reached the vendor, and nobody reads an answer.
        if (controller.signal.aborted) return;
        const reply = errorReply(error);
        await sse.writeSSE({
          event: 'error',
          data: JSON.stringify({
            status: reply.status,
            code: reply.body.error.code,
            message: reply.body.error.message,
          }),
        });
      }
    });
  });
}
