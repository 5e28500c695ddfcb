import { createOpenAIHandler, type OpenAISimulator } from '../openai/openai-simulator.js';
import { estimateUsage, isObject, type JsonObject } from '../openai/render-openai-completion.js';
import type { Exchange, VendorHandler } from '../simulator/http-simulator.js';
import { startHttpSimulator } from '../simulator/http-simulator.js';
import type { RecordedRequest, SimulatedUsage } from '../simulator/scenario.js';
import { pause, sendJson } from '../simulator/write-helpers.js';
import { groqErrorBody, groqErrorHeaders } from './groq-errors.js';

/**
 * Groq's `usage`: OpenAI's token counts plus its timings (seconds). No cache or reasoning
 * breakdown unless there is one to report.
 * https://console.groq.com/docs/api-reference#chat-create
 */
export function renderGroqUsage(usage: SimulatedUsage): JsonObject {
  const rendered: JsonObject = {
    queue_time: 0.041876985,
    prompt_tokens: usage.inputTokens,
    prompt_time: 0.001954727,
    completion_tokens: usage.outputTokens,
    completion_time: 0.245177008,
    total_tokens: usage.inputTokens + usage.outputTokens,
    total_time: 0.247131735,
  };
  if (usage.cacheReadTokens)
    rendered['prompt_tokens_details'] = { cached_tokens: usage.cacheReadTokens };
  if (usage.reasoningTokens) {
    rendered['completion_tokens_details'] = { reasoning_tokens: usage.reasoningTokens };
  }
  return rendered;
}

export interface GroqSimulatorOptions {
  /**
   * Where a stream's usage goes. Groq always sends it in `x_groq.usage` on the chunk with the
   * `finish_reason`; `'both'` also puts it in a top-level `usage` there when the request asked
   * for `stream_options.include_usage`, as newer Groq responses do. Default `'x_groq'`.
   */
  streamUsage?: 'x_groq' | 'both';
  models?: string[];
}

/**
 * A local Groq API: Chat Completions under `/openai/v1`, `reasoning` deltas, usage with
 * timings, `x_groq` on the first and last stream chunks, and Groq's rate-limit headers.
 */
export async function startGroqSimulator(
  options: GroqSimulatorOptions = {},
): Promise<OpenAISimulator> {
  const simulator = await startHttpSimulator(createGroqHandler(options));
  return Object.assign(simulator, { baseURL: `${simulator.origin}/openai/v1` });
}

export function createGroqHandler(options: GroqSimulatorOptions = {}): VendorHandler {
  const streamUsage = new WeakMap<RecordedRequest, { usage: SimulatedUsage; topLevel: boolean }>();
  let counter = 0;
  const requestId = () => `req_01simulator${String(counter).padStart(12, '0')}`;
  const base = createOpenAIHandler({
    pathPrefix: '/openai/v1',
    reasoningField: 'reasoning',
    renderUsage: renderGroqUsage,
    models: options.models ?? [
      'llama-3.3-70b-versatile',
      'llama-3.1-8b-instant',
      'openai/gpt-oss-120b',
    ],
    decorateBody: (body) => ({
      ...body,
      usage_breakdown: null,
      x_groq: { id: requestId(), seed: 167346302 },
      service_tier: 'on_demand',
    }),
    decorateChunk(chunk, request) {
      const choice = Array.isArray(chunk['choices']) ? chunk['choices'][0] : undefined;
      if (!isObject(choice)) return chunk;
      const delta = isObject(choice['delta']) ? choice['delta'] : {};
      if (delta['role'] === 'assistant') return { ...chunk, x_groq: { id: requestId() } };
      const stashed = streamUsage.get(request);
      if (choice['finish_reason'] === null || !stashed) return chunk;
      const usage = renderGroqUsage(stashed.usage);
      const last: JsonObject = { ...chunk, x_groq: { id: requestId(), usage } };
      if (stashed.topLevel) last['usage'] = usage;
      return last;
    },
  });

  return {
    defaultStep: (request) => base.defaultStep(request),
    answerWithoutStep: (exchange) => base.answerWithoutStep?.(exchange) ?? false,
    async handle(exchange, step) {
      counter += 1;
      if (step.kind === 'error') {
        await pause(exchange, step.delayMs);
        const model = modelOf(exchange.request);
        sendJson(exchange, step.status, groqErrorBody(step.status, model, step), {
          ...groqErrorHeaders(step.status),
          ...step.headers,
        });
        return;
      }
      const body = isObject(exchange.request.body) ? exchange.request.body : {};
      if (body['stream'] !== true || !('reply' in step)) return base.handle(exchange, step);
      // Groq reports stream usage itself, so the base renderer must not add OpenAI's usage chunk.
      const { stream_options: streamOptions, ...withoutOptions } = body;
      const request: RecordedRequest = { ...exchange.request, body: withoutOptions };
      const asked = isObject(streamOptions) && streamOptions['include_usage'] === true;
      streamUsage.set(request, {
        usage: step.reply.usage ?? estimateUsage(request, step.reply),
        topLevel: asked && options.streamUsage === 'both',
      });
      const forwarded: Exchange = { ...exchange, request };
      return base.handle(forwarded, step);
    },
  };
}

function modelOf(request: RecordedRequest): string {
  const body = isObject(request.body) ? request.body : {};
  return typeof body['model'] === 'string' ? body['model'] : 'llama-3.3-70b-versatile';
}
