import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { GatewayError } from '../errors/gateway-error.js';

/**
 * Refuses a body over the limit with 413: by Content-Length up front, and for a chunked body
 * as soon as what was read passes the limit, so it is never read whole.
 */
export function addBodyLimit(app: Hono, maxBodyBytes = 10 * 1024 * 1024): void {
  const tooLarge = () =>
    new GatewayError('The request body is larger than this gateway accepts.', {
      status: 413,
      type: 'invalid_request_error',
      code: 'request_too_large',
    });
  const chunked = bodyLimit({
    maxSize: maxBodyBytes,
    onError: () => {
      throw tooLarge();
    },
  });
  app.use('*', async (context, next) => {
    const method = context.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    // A declared length is checked from the header alone. Hono's middleware first reads
    // `req.raw.body`, which under @hono/node-server builds a whole Fetch Request and a web
    // stream of the body for every call, where the handler's `req.json()` would read the Node
    // request directly: about a third of the gateway's own CPU time per call.
    const length = context.req.header('content-length');
    if (length !== undefined && context.req.header('transfer-encoding') === undefined) {
      if (Number.parseInt(length, 10) > maxBodyBytes) throw tooLarge();
      return next();
    }
    return chunked(context, next);
  });
}
