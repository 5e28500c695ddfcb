import { Hono } from 'hono';
import { addCallsApi } from './api/calls-api.js';
import { addGenerateApi } from './api/generate-api.js';
import { addHealthApi } from './api/health-api.js';
import { addModelsApi } from './api/models-api.js';
import { addModelsStatsApi } from './api/models-stats-api.js';
import { addRouteApi } from './api/route-api.js';
import { addStatsApi } from './api/stats-api.js';
import { addStreamApi } from './api/stream-api.js';
import { errorReply } from './errors/error-reply.js';
import type { GatewayOptions } from './gateway-options.js';
import { addKeyAuth } from './keys/gateway-keys.js';
import { addChatCompletionsApi } from './openai/chat-completions-api.js';
import { addModelsRoutes } from './openai/models-routes.js';
import { addBodyLimit } from './server/body-limit.js';
import { addPlaygroundStatic } from './static/playground-static.js';
import { addWebSocketApi } from './websocket/websocket-api.js';

export type { GatewayKey, GatewayOptions, ProviderMode } from './gateway-options.js';

/**
 * An OpenAI-compatible HTTP app over a Stratum client, on Hono: serve it with
 * `@hono/node-server`'s `serve({ fetch: gateway.fetch })` or mount it in another Hono app.
 */
export function createGateway(options: GatewayOptions): Hono {
  const app = new Hono();
  app.use(async (context, next) => {
    context.header('x-stratum-request-id', crypto.randomUUID());
    await next();
  });
  app.onError((error, context) => {
    const reply = errorReply(error);
    for (const [name, value] of Object.entries(reply.headers)) context.header(name, value);
    return context.json(reply.body, { status: reply.status as 400 });
  });
  addHealthApi(app, options);
  addKeyAuth(app, options);
  addBodyLimit(app, options.maxBodyBytes);
  addModelsRoutes(app, options.client, options.router);
  addModelsApi(app, options.client, options.router, options.providerModes);
  addModelsStatsApi(app, options);
  addStatsApi(app, options);
  addCallsApi(app, options);
  addGenerateApi(app, options);
  addStreamApi(app, options);
  addRouteApi(app, options);
  addChatCompletionsApi(app, options);
  addWebSocketApi(app, options.client, { calls: options.calls });
  if (options.playground) addPlaygroundStatic(app, options.playground);
  return app;
}
