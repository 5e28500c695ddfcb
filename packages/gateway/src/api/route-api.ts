import type { Hono } from 'hono';
import { invalidField } from '../errors/gateway-error.js';
import type { GatewayOptions } from '../gateway-options.js';
import { asCaller } from '../keys/gateway-keys.js';
import { readChatRequest } from '../server/read-json-body.js';
import { requirePart } from './require-part.js';

/** `POST /api/route/decide`: what the router would choose for this request, calling no vendor. */
export function addRouteApi(app: Hono, options: GatewayOptions): void {
  app.post('/api/route/decide', async (context) => {
    const router = requirePart(options.router, 'router', 'POST /api/route/decide');
    const request = asCaller(context, await readChatRequest(context));
    if (!router.routes.includes(request.model)) {
      throw invalidField(
        'model',
        `model must name a route of this gateway (${router.routes.join(', ')}), got ${request.model}.`,
      );
    }
    return context.json({ decision: router.decide(request) });
  });
}
