import type { OpenAIErrorBody } from '../openai/openai-error-bodies.js';
import {
  createOpenAIHandler,
  type OpenAISimulator,
  type OpenAISimulatorOptions,
} from '../openai/openai-simulator.js';
import { isObject, type JsonObject } from '../openai/render-openai-completion.js';
import { startHttpSimulator, type VendorHandler } from '../simulator/http-simulator.js';
import type { RecordedRequest, SimulatedUsage } from '../simulator/scenario.js';
import { pause, sendJson } from '../simulator/write-helpers.js';

/**
 * DeepSeek's `usage`: OpenAI's fields plus `prompt_cache_hit_tokens` and
 * `prompt_cache_miss_tokens`, which add up to `prompt_tokens`. `completion_tokens` includes the
 * reasoning tokens.
 * https://api-docs.deepseek.com/api/create-chat-completion (usage), https://api-docs.deepseek.com/guides/kv_cache
 */
export function renderDeepSeekUsage(usage: SimulatedUsage): JsonObject {
  const hit = usage.cacheReadTokens ?? 0;
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: hit },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
    prompt_cache_hit_tokens: hit,
    prompt_cache_miss_tokens: usage.inputTokens - hit,
  };
}

/** DeepSeek's messages for its documented error codes. https://api-docs.deepseek.com/quick_start/error_codes */
const MESSAGES: Record<number, string> = {
  400: 'Invalid format: the request body could not be read.',
  401: 'Authentication Fails, Your api key: ****cdef is invalid',
  402: 'Insufficient Balance',
  422: 'Invalid Parameters',
  429: 'Rate Limit Reached',
  500: 'Server Error',
  503: 'Server Overloaded',
};

/** DeepSeek's error body: OpenAI's shape with DeepSeek's messages. */
export function deepSeekErrorBody(
  status: number,
  overrides: { vendorCode?: string; message?: string } = {},
): OpenAIErrorBody {
  return {
    error: {
      message: overrides.message ?? MESSAGES[status] ?? `Request failed with status ${status}`,
      type: status === 401 ? 'authentication_error' : 'invalid_request_error',
      param: null,
      code: overrides.vendorCode ?? 'invalid_request_error',
    },
  };
}

export interface DeepSeekSimulatorOptions {
  /**
   * Answer 400 as DeepSeek's thinking mode does when an assistant message of a turn with tool
   * calls comes back without its `reasoning_content` (default true).
   * https://api-docs.deepseek.com/guides/thinking_mode
   */
  requireReasoningContent?: boolean;
  models?: string[];
}

/**
 * A local DeepSeek API (OpenAI's Chat Completions at the root, no `/v1`), with
 * `reasoning_content`, cache hit/miss usage and DeepSeek's thinking-mode check.
 */
export async function startDeepSeekSimulator(
  options: DeepSeekSimulatorOptions = {},
): Promise<OpenAISimulator> {
  const simulator = await startHttpSimulator(createDeepSeekHandler(options));
  return Object.assign(simulator, { baseURL: simulator.origin });
}

export function createDeepSeekHandler(options: DeepSeekSimulatorOptions = {}): VendorHandler {
  const openAIOptions: OpenAISimulatorOptions = {
    pathPrefix: '',
    reasoningField: 'reasoning_content',
    renderUsage: renderDeepSeekUsage,
    models: options.models ?? ['deepseek-chat', 'deepseek-reasoner'],
  };
  const base = createOpenAIHandler(openAIOptions);
  return {
    defaultStep: (request) => base.defaultStep(request),
    async handle(exchange, step) {
      if (step.kind !== 'error') return base.handle(exchange, step);
      await pause(exchange, step.delayMs);
      sendJson(exchange, step.status, deepSeekErrorBody(step.status, step), step.headers);
    },
    async answerWithoutStep(exchange) {
      if (await base.answerWithoutStep?.(exchange)) return true;
      if (options.requireReasoningContent === false) return false;
      const missing = missingReasoningContent(exchange.request);
      if (missing === undefined) return false;
      sendJson(exchange, 400, {
        error: {
          message: `Missing \`reasoning_content\` field in the assistant message at message index ${missing}. The \`reasoning_content\` in the thinking mode must be passed back to the API.`,
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_request_error',
        },
      });
      return true;
    },
  };
}

/**
 * The index of the first assistant message that belongs to a turn with tool calls and lacks
 * `reasoning_content`, in thinking mode; `undefined` when the request is acceptable.
 */
function missingReasoningContent(request: RecordedRequest): number | undefined {
  const body = isObject(request.body) ? request.body : {};
  const thinking = isObject(body['thinking']) ? body['thinking']['type'] : undefined;
  const model = body['model'];
  // Thinking is on for deepseek-reasoner and, by default, for the V4 models.
  const thinkingByDefault =
    model === 'deepseek-reasoner' || (typeof model === 'string' && model.startsWith('deepseek-v4'));
  const thinkingMode = thinking === 'enabled' || (thinking !== 'disabled' && thinkingByDefault);
  if (!thinkingMode || !Array.isArray(body['messages'])) return undefined;
  const messages: unknown[] = body['messages'];
  let turnStart = 0;
  for (let index = 0; index <= messages.length; index += 1) {
    const message = messages[index];
    const endsTurn = index === messages.length || (isObject(message) && message['role'] === 'user');
    if (!endsTurn) continue;
    const turn = messages.slice(turnStart, index);
    const usedTools = turn.some((entry) => isObject(entry) && Array.isArray(entry['tool_calls']));
    if (usedTools) {
      for (const [offset, entry] of turn.entries()) {
        if (
          isObject(entry) &&
          entry['role'] === 'assistant' &&
          typeof entry['reasoning_content'] !== 'string'
        ) {
          return turnStart + offset;
        }
      }
    }
    turnStart = index + 1;
  }
  return undefined;
}
