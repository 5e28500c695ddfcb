import type { ChatRequest, Client } from '@stratum/core';
import type { Hono } from 'hono';
import { callCostPicodollars, moneyFromPicodollars } from '../money.js';
import { readJsonBody } from '../server/read-json-body.js';

/**
 * `POST /api/models/generate`: a Stratum `ChatRequest` in, `{ requestId, response }` out, the
 * response with its exact cost as Money. Core validates the request (an InvalidRequestError
 * naming the field, answered 400) before any vendor is called.
 */
export function addGenerateApi(app: Hono, client: Client): void {
  app.post('/api/models/generate', async (context) => {
    const body = await readJsonBody(context);
    const requestId = context.res.headers.get('x-stratum-request-id') ?? crypto.randomUUID();
    const request = { ...(body as ChatRequest), signal: context.req.raw.signal };
    const response = await client.chat(request);
    return context.json({
      requestId,
      response: {
        ...response,
        cost: moneyFromPicodollars(callCostPicodollars(response)),
      },
    });
  });
}
