import { formatUsd } from '@stratum/tracker';
import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { errorReply } from '../errors/error-reply.js';
import type { GatewayOptions } from '../gateway-options.js';
import { asCaller } from '../keys/gateway-keys.js';
import { callCostPicodollars } from '../money.js';
import { readJsonBody } from '../server/read-json-body.js';
import { parseOpenAIRequest } from './parse-openai-request.js';
import {
  openAIFinishReason,
  openAIUsage,
  renderOpenAICompletion,
} from './render-openai-response.js';

/**
 * `POST /v1/chat/completions` (https://platform.openai.com/docs/api-reference/chat/create), JSON
 * and SSE. Stream chunks are written as each event arrives, never buffered into one burst.
 */
export function addChatCompletionsApi(app: Hono, options: GatewayOptions): void {
  app.post('/v1/chat/completions', async (context) => {
    const body = await readJsonBody(context);
    const parsed = parseOpenAIRequest(body);
    const id = `chatcmpl-${crypto.randomUUID()}`;
    const controller = new AbortController();
    context.req.raw.signal.addEventListener('abort', () => controller.abort(), { once: true });
    const request = { ...asCaller(context, parsed.request), signal: controller.signal };
    if (!parsed.stream) {
      const response = await options.client.chat(request);
      context.header('x-stratum-model', response.modelId);
      context.header('x-stratum-provider', response.provider);
      context.header('x-stratum-cost-usd', formatUsd(callCostPicodollars(response)));
      if (response.routing) context.header('x-stratum-route', response.routing.route);
      return context.json(renderOpenAICompletion(response, id));
    }
    const iterator = options.client.stream(request)[Symbol.asyncIterator]();
    // The first event is awaited before the headers go out, so a failure before any text is a
    // proper HTTP error status rather than an event inside a 200 stream.
    const first = await iterator.next();
    const resolved = options.client.resolveModel(parsed.request.model);
    // A routed stream's choice is known only at its end (its finish event carries it); the
    // headers leave with the first event, so they name the route and the usage chunk the rest.
    const routed = options.router?.routes.includes(parsed.request.model) === true;
    if (routed) context.header('x-stratum-route', parsed.request.model);
    else {
      context.header('x-stratum-model', resolved.id);
      context.header('x-stratum-provider', resolved.provider);
    }
    const streamModel = routed ? parsed.request.model : resolved.id;
    return streamSSE(
      context,
      async (sse) => {
        sse.onAbort(() => controller.abort());
        const base = {
          id,
          object: 'chat.completion.chunk',
          created: Math.floor(Date.now() / 1000),
        };
        await sse.writeSSE({
          data: JSON.stringify({
            ...base,
            model: streamModel,
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
                  ...(response.routing ? { routing: response.routing } : {}),
                }),
              });
            }
          }
          if (delta) {
            await sse.writeSSE({
              data: JSON.stringify({
                ...base,
                model: streamModel,
                choices: [{ index: 0, delta, finish_reason: null }],
              }),
            });
          }
        }
        await sse.writeSSE({ data: '[DONE]' });
      },
      async (error, sse) => {
        // The client left: the abort already reached the vendor, and nobody reads an answer.
        if (controller.signal.aborted) return;
        // OpenAI reports a failure inside a stream as a data line holding its error body.
        await sse.writeSSE({ data: JSON.stringify(errorReply(error).body) });
      },
    );
  });
}
