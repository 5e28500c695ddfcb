import type { OpenAIErrorBody } from '../openai/openai-error-bodies.js';
import { createOpenAIHandler, type OpenAISimulator } from '../openai/openai-simulator.js';
import { isObject, type JsonObject } from '../openai/render-openai-completion.js';
import { startHttpSimulator, type VendorHandler } from '../simulator/http-simulator.js';
import type { SimulatedUsage } from '../simulator/scenario.js';
import { pause, sendJson } from '../simulator/write-helpers.js';

/**
 * xAI's `usage`. Unlike OpenAI, `completion_tokens` leaves the reasoning tokens out: they are
 * only in `completion_tokens_details.reasoning_tokens`, and `total_tokens` adds all three
 * (recorded: prompt 12 + completion 1 + reasoning 290 = total 303). `prompt_tokens` includes
 * the cached tokens. `cost_in_usd_ticks` is the price in 1e-10 USD, when the test gives one.
 * https://docs.x.ai/docs/guides/reasoning, https://docs.x.ai/docs/api-reference#chat-completions
 */
export function renderXaiUsage(usage: SimulatedUsage, costInUsdTicks?: number): JsonObject {
  const reasoning = usage.reasoningTokens ?? 0;
  const completion = usage.outputTokens - reasoning;
  const rendered: JsonObject = {
    prompt_tokens: usage.inputTokens,
    completion_tokens: completion,
    total_tokens: usage.inputTokens + completion + reasoning,
    prompt_tokens_details: {
      text_tokens: usage.inputTokens,
      audio_tokens: 0,
      image_tokens: 0,
      cached_tokens: usage.cacheReadTokens ?? 0,
    },
    completion_tokens_details: {
      reasoning_tokens: reasoning,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
    num_sources_used: 0,
  };
  if (costInUsdTicks !== undefined) rendered['cost_in_usd_ticks'] = costInUsdTicks;
  return rendered;
}

/**
 * xAI's error bodies are not OpenAI's: `{"code": <gRPC status text>, "error": <message>}`.
 * A wrong API key is a 400 ("Incorrect API key provided"), not a 401.
 */
const GRPC_CODES: Record<number, string> = {
  400: 'Client specified an invalid argument',
  401: 'The request does not have valid authentication credentials for the operation',
  403: 'The caller does not have permission to execute the specified operation',
  404: 'Some requested entity (e.g., file or directory) was not found',
  408: 'The operation was cancelled, typically by the caller',
  422: 'Client specified an invalid argument',
  429: 'Some resource has been exhausted, perhaps a per-user quota, or perhaps the entire file system is out of space',
  500: 'Internal errors',
  503: 'The service is currently unavailable',
};

const MESSAGES: Record<number, (model: string) => string> = {
  400: () => 'Invalid request content: the request body could not be read.',
  500: () => 'The service encountered an internal error. Please try again later.',
  503: () => 'The service is temporarily unavailable. Please try again later.',
  401: () =>
    'No API key provided. Specify your API key in an Authorization header using Bearer auth.',
  403: () =>
    'Your team does not have permission to access this model or it has run out of credits.',
  404: (model) => `The model ${model} does not exist or your team does not have access to it.`,
  429: () =>
    'Your team has either used all available credits or reached its monthly spending limit. To continue making API requests, please purchase more credits or raise your spending limit.',
};

export interface XaiErrorBody {
  code: string;
  error: string;
}

export function xaiErrorBody(status: number, message: string): XaiErrorBody {
  return { code: GRPC_CODES[status] ?? GRPC_CODES[500] ?? 'Internal errors', error: message };
}

export interface XaiSimulatorOptions {
  /** `cost_in_usd_ticks` for a reply's usage (xAI's own price, 1e-10 USD); none by default. */
  costInUsdTicks?: (usage: SimulatedUsage) => number | undefined;
  models?: string[];
}

/** A local xAI API (`/v1/chat/completions`): `reasoning_content`, xAI usage and error bodies. */
export async function startXaiSimulator(
  options: XaiSimulatorOptions = {},
): Promise<OpenAISimulator> {
  const simulator = await startHttpSimulator(createXaiHandler(options));
  return Object.assign(simulator, { baseURL: `${simulator.origin}/v1` });
}

export function createXaiHandler(options: XaiSimulatorOptions = {}): VendorHandler {
  const base = createOpenAIHandler({
    pathPrefix: '/v1',
    reasoningField: 'reasoning_content',
    renderUsage: (usage) => renderXaiUsage(usage, options.costInUsdTicks?.(usage)),
    models: options.models ?? ['grok-4', 'grok-3-mini', 'grok-code-fast-1'],
    decorateError: (body: OpenAIErrorBody, status) => xaiErrorBody(status, body.error.message),
  });
  return {
    defaultStep: (request) => base.defaultStep(request),
    answerWithoutStep: (exchange) => base.answerWithoutStep?.(exchange) ?? false,
    async handle(exchange, step) {
      if (step.kind !== 'error') return base.handle(exchange, step);
      await pause(exchange, step.delayMs);
      const body = isObject(exchange.request.body) ? exchange.request.body : {};
      const model = typeof body['model'] === 'string' ? body['model'] : 'grok-4';
      const message =
        step.message ??
        MESSAGES[step.status]?.(model) ??
        'The request failed; see the status code.';
      sendJson(exchange, step.status, xaiErrorBody(step.status, message), step.headers);
    },
  };
}
