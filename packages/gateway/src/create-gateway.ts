import type { Client } from '@stratum/core';
import { formatUsd } from '@stratum/tracker';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { streamSSE } from 'hono/streaming';
import { addGenerateApi } from './api/generate-api.js';
import { addModelsApi } from './api/models-api.js';
import { addStreamApi } from './api/stream-api.js';
import { errorReply } from './errors/error-reply.js';
import { GatewayError } from './errors/gateway-error.js';
import { callCostPicodollars } from './money.js';
import { addModelsRoutes } from './openai/models-routes.js';
import { parseOpenAIRequest } from './openai/parse-openai-request.js';
import {
  openAIFinishReason,
  openAIUsage,
  renderOpenAICompletion,
} from './openai/render-openai-response.js';
import { readJsonBody } from './server/read-json-body.js';
import { addPlaygroundStatic, type PlaygroundOptions } from './static/playground-static.js';
import type { CallFeed } from './websocket/call-feed.js';
import { addWebSocketApi } from './websocket/websocket-api.js';

export interface GatewayOptions {
  /** The Stratum client every call goes through (its providers and middleware). */
  client: Client;
  /** Largest request body in bytes (default 10 MiB, room for base64 images); more is a 413. */
  maxBodyBytes?: number;
  /** Serves the built playground at `/` (see `apps/playground`). */
  playground?: PlaygroundOptions;
  /** Feeds the WebSocket `calls` topic: the tracker's store wrapped by `createCallFeed`. */
  calls?: CallFeed;
}

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
  app.get('/health', (context) => context.json({ status: 'ok' }));
  addModelsRoutes(app, options.client);
  addModelsApi(app, options.client);
  addWebSocketApi(app, options.client, { calls: options.calls });
  // Refuses by Content-Length up front, and stops reading a chunked body once it passes the limit.
  app.use(
    '*',
    bodyLimit({
      maxSize: options.maxBodyBytes ?? 10 * 1024 * 1024,
      onError: () => {
        throw new GatewayError('The request body is larger than this gateway accepts.', {
          status: 413,
          type: 'invalid_request_error',
          code: 'request_too_large',
        });
      },
    }),
  );
  addGenerateApi(app, options.client);
  addStreamApi(app, options.client);
  app.post('/v1/chat/completions', async (context) => {
    const body = await readJsonBody(context);
    const parsed = parseOpenAIRequest(body);
    const id = `chatcmpl-${crypto.randomUUID()}`;
    const controller = new AbortController();
    context.req.raw.signal.addEventListener('abort', () => controller.abort(), { once: true });
    const request = { ...parsed.request, signal: controller.signal };
    if (!parsed.stream) {
      const response = await options.client.chat(request);
      context.header('x-stratum-model', response.modelId);
      context.header('x-stratum-provider', response.provider);
      context.header('x-stratum-cost-usd', formatUsd(callCostPicodollars(response)));
      return context.json(renderOpenAICompletion(response, id));
    }
    const iterator = options.client.stream(request)[Symbol.asyncIterator]();
    // The first event is awaited before the headers go out, so a failure before any text is a
    // proper HTTP error status rather than an event inside a 200 stream.
    const first = await iterator.next();
    const resolved = options.client.resolveModel(parsed.request.model);
    context.header('x-stratum-model', resolved.id);
    context.header('x-stratum-provider', resolved.provider);
    return streamSSE(context, async (sse) => {
      sse.onAbort(() => controller.abort());
      const base = { id, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000) };
      await sse.writeSSE({
        data: JSON.stringify({
          ...base,
          model: resolved.id,
          choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
        }),
      });
      const toolIndex = new Map<string, number>();
      for (let step = first; !step.done; step = await iterator.next()) {
        const event = step.value;
        let delta: Record<string, unknown> | undefined;
        if (event.type === 'text-delta') delta = { content: event.text };
        else if (event.type === 'reasoning-delta') delta = { reasoning_content: event.text };
        else if (event.type === 'tool-call-delta') {
          const known = toolIndex.has(event.id);
          toolIndex.set(event.id, event.index);
          delta = {
            tool_calls: [
              known
                ? { index: event.index, function: { arguments: event.argumentsDelta } }
                : {
                    index: event.index,
                    id: event.id,
                    type: 'function',
                    function: { name: event.name, arguments: event.argumentsDelta },
                  },
            ],
          };
        } else if (event.type === 'tool-call' && !toolIndex.has(event.toolCall.id)) {
          const index = toolIndex.size;
          toolIndex.set(event.toolCall.id, index);
          delta = {
            tool_calls: [
              {
                index,
                id: event.toolCall.id,
                type: 'function',
                function: { name: event.toolCall.name, arguments: event.toolCall.rawArguments },
              },
            ],
          };
        } else if (event.type === 'finish') {
          const response = event.response;
          await sse.writeSSE({
            data: JSON.stringify({
              ...base,
              model: response.modelId,
              choices: [
                { index: 0, delta: {}, finish_reason: openAIFinishReason(response.finishReason) },
              ],
            }),
          });
          if (parsed.includeUsage) {
            await sse.writeSSE({
              data: JSON.stringify({
                ...base,
                model: response.modelId,
                choices: [],
                usage: openAIUsage(response.usage),
                cost_usd: formatUsd(callCostPicodollars(response)),
              }),
            });
          }
        }
        if (delta) {
          await sse.writeSSE({
            data: JSON.stringify({
              ...base,
              model: resolved.id,
              choices: [{ index: 0, delta, finish_reason: null }],
            }),
          });
        }
      }
      await sse.writeSSE({ data: '[DONE]' });
    });
  });
  if (options.playground) addPlaygroundStatic(app, options.playground);
  return app;
}
