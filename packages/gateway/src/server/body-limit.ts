import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { GatewayError } from '../errors/gateway-error.js';

/**
 * Refuses a body over the limit with 413: by Content-Length up front, and for a chunked body
 * as soon as what was read passes the limit, so it is never read whole.
 */
export function addBodyLimit(app: Hono, maxBodyBytes = 10 * 1024 * 1024): void {
  app.use(
    '*',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: () => {
        throw new GatewayError('The request body is larger than this gateway accepts.', {
          status: 413,
          type: 'invalid_request_error',
          code: 'request_too_large',
        });
      },
    }),
  );
}
