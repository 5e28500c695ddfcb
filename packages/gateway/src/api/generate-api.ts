import type { Hono } from 'hono';
import type { GatewayOptions } from '../gateway-options.js';
import { asCaller } from '../keys/gateway-keys.js';
import { callCostPicodollars, moneyFromPicodollars } from '../money.js';
import { readChatRequest } from '../server/read-json-body.js';

/**
 * `POST /api/models/generate`: a Stratum `ChatRequest` in, `{ requestId, response }` out, the
 * response with its exact cost as Money. Core validates the request (an InvalidRequestError
 * naming the field, answered 400) before any vendor is called.
 */
export function addGenerateApi(app: Hono, options: GatewayOptions): void {
  app.post('/api/models/generate', async (context) => {
    const body = await readChatRequest(context);
    const requestId = context.res.headers.get('x-stratum-request-id') ?? crypto.randomUUID();
    const request = { ...asCaller(context, body), signal: context.req.raw.signal };
    const started = performance.now();
    const response = await options.client.chat(request);
    const latencyMs = performance.now() - started;
    return context.json({
      requestId,
      response: {
        ...response,
        cost: moneyFromPicodollars(callCostPicodollars(response)),
        latencyMs,
      },
    });
  });
}
