import type { OpenAIErrorBody } from '../openai/openai-error-bodies.js';
import { createOpenAIHandler, type OpenAISimulator } from '../openai/openai-simulator.js';
import { type JsonObject, renderOpenAIUsage } from '../openai/render-openai-completion.js';
import { startHttpSimulator, type VendorHandler } from '../simulator/http-simulator.js';
import type { SimulatedUsage } from '../simulator/scenario.js';
import { pause, sendJson } from '../simulator/write-helpers.js';

/**
 * OpenRouter's error body: `{"error": {"code": <HTTP status>, "message", "metadata"?}}`; the
 * same object arrives inside a 200 stream when the upstream fails after the answer started.
 * https://openrouter.ai/docs/api-reference/errors
 */
export interface OpenRouterErrorBody {
  error: { code: number | string; message: string; metadata?: Record<string, unknown> };
}

const MESSAGES: Record<number, string> = {
  400: 'Invalid request: messages must be a non-empty array',
  401: 'No auth credentials found',
  402: 'Insufficient credits. Add more using https://openrouter.ai/settings/credits',
  403: 'Your chosen model requires moderation and your input was flagged',
  404: 'No endpoints found matching your data policy',
  408: 'Request timed out',
  429: 'Rate limit exceeded: free-models-per-min.',
  500: 'Internal Server Error',
  502: 'Provider returned error',
  503: 'No allowed providers are available for the selected model.',
};

export function openRouterErrorBody(
  status: number,
  overrides: { message?: string; metadata?: Record<string, unknown> } = {},
): OpenRouterErrorBody {
  const error: OpenRouterErrorBody['error'] = {
    code: status,
    message: overrides.message ?? MESSAGES[status] ?? `Request failed with status ${status}`,
  };
  const metadata =
    overrides.metadata ??
    (status === 502 ? { provider_name: 'Anthropic', raw: 'upstream overloaded' } : undefined);
  if (metadata) error.metadata = metadata;
  return { error };
}

export interface OpenRouterSimulatorOptions {
  /**
   * The `usage.cost` (US dollars, OpenRouter credits) for a reply; leave it out for answers
   * without usage accounting, so costs come from the catalog.
   */
  cost?: (usage: SimulatedUsage) => number | undefined;
  models?: string[];
}

/**
 * A local OpenRouter API under `/api/v1`: `reasoning` deltas, usage with `cost`, the error
 * object (also inside 200 streams) and the upstream `provider` on each answer.
 */
export async function startOpenRouterSimulator(
  options: OpenRouterSimulatorOptions = {},
): Promise<OpenAISimulator> {
  const simulator = await startHttpSimulator(createOpenRouterHandler(options));
  return Object.assign(simulator, { baseURL: `${simulator.origin}/api/v1` });
}

export function createOpenRouterHandler(options: OpenRouterSimulatorOptions = {}): VendorHandler {
  const renderUsage = (usage: SimulatedUsage): JsonObject => {
    const rendered = renderOpenAIUsage(usage);
    const cost = options.cost?.(usage);
    if (cost !== undefined) {
      rendered['cost'] = cost;
      rendered['is_byok'] = false;
      rendered['cost_details'] = { upstream_inference_cost: null };
    }
    return rendered;
  };
  const base = createOpenAIHandler({
    pathPrefix: '/api/v1',
    reasoningField: 'reasoning',
    renderUsage,
    models: options.models ?? ['openai/gpt-4.1-mini', 'anthropic/claude-sonnet-4.5'],
    decorateBody: (body) => ({ ...body, provider: 'OpenAI' }),
    decorateChunk: (chunk) => ({ ...chunk, provider: 'OpenAI' }),
    decorateError: (body: OpenAIErrorBody, status) =>
      openRouterErrorBody(status, { message: body.error.message }),
  });
  return {
    defaultStep: (request) => base.defaultStep(request),
    answerWithoutStep: (exchange) => base.answerWithoutStep?.(exchange) ?? false,
    async handle(exchange, step) {
      if (step.kind !== 'error') return base.handle(exchange, step);
      await pause(exchange, step.delayMs);
      const headers = step.status === 429 ? { 'retry-after': '3', ...step.headers } : step.headers;
      sendJson(exchange, step.status, openRouterErrorBody(step.status, step), headers);
    },
  };
}
