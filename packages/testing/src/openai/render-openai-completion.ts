import type {
  RecordedRequest,
  SimulatedReply,
  SimulatedToolCall,
  SimulatedUsage,
} from '../simulator/scenario.js';

/** What one answer shares between its body or chunks. */
export interface CompletionContext {
  id: string;
  created: number;
  model: string;
}

export type JsonObject = Record<string, unknown>;

/**
 * OpenAI's `usage` object. `prompt_tokens` includes the cached tokens and `completion_tokens`
 * the reasoning tokens, as the API reports them.
 * https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage
 */
export function renderOpenAIUsage(usage: SimulatedUsage): JsonObject {
  const promptDetails: JsonObject = { cached_tokens: usage.cacheReadTokens ?? 0, audio_tokens: 0 };
  if (usage.cacheWriteTokens !== undefined)
    promptDetails['cache_write_tokens'] = usage.cacheWriteTokens;
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: promptDetails,
    completion_tokens_details: {
      reasoning_tokens: usage.reasoningTokens ?? 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

export function openAIFinishReason(reply: SimulatedReply): string {
  switch (reply.finishReason) {
    case 'length':
      return 'length';
    case 'tool-calls':
      return 'tool_calls';
    case 'content-filter':
      return 'content_filter';
    case 'stop':
      return 'stop';
    default:
      return reply.toolCalls?.length ? 'tool_calls' : 'stop';
  }
}

export function toolCallId(call: SimulatedToolCall, index: number, context: CompletionContext) {
  return call.id ?? `call_${context.id.slice(-8)}_${index}`;
}

export function argumentsText(call: SimulatedToolCall): string {
  return typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {});
}

/** A rough count (four characters a token) for replies that give no usage. */
export function estimateUsage(request: RecordedRequest, reply: SimulatedReply): SimulatedUsage {
  const body = isObject(request.body) ? request.body : {};
  const promptCharacters = JSON.stringify(body['messages'] ?? '').length;
  let outputCharacters = (reply.text ?? '').length + (reply.refusal ?? '').length;
  for (const call of reply.toolCalls ?? []) outputCharacters += argumentsText(call).length;
  return {
    inputTokens: Math.max(1, Math.ceil(promptCharacters / 4)),
    outputTokens: Math.max(1, Math.ceil(outputCharacters / 4)),
  };
}

export interface RenderOptions {
  /** Message/delta field carrying reasoning text; OpenAI itself sends none. */
  reasoningField: string | undefined;
  renderUsage: (usage: SimulatedUsage) => JsonObject;
}

/**
 * A `chat.completion` body.
 * https://platform.openai.com/docs/api-reference/chat/object
 */
export function renderOpenAICompletion(
  reply: SimulatedReply,
  usage: SimulatedUsage,
  context: CompletionContext,
  options: RenderOptions,
): JsonObject {
  const message: JsonObject = {
    role: 'assistant',
    content: reply.text ?? (reply.toolCalls?.length || reply.refusal ? null : ''),
    refusal: reply.refusal ?? null,
    annotations: [],
  };
  if (options.reasoningField && reply.reasoning !== undefined) {
    message[options.reasoningField] = reply.reasoning;
  }
  if (reply.toolCalls?.length) {
    message['tool_calls'] = reply.toolCalls.map((call, index) => ({
      id: toolCallId(call, index, context),
      type: 'function',
      function: { name: call.name, arguments: argumentsText(call) },
    }));
  }
  return {
    id: context.id,
    object: 'chat.completion',
    created: context.created,
    model: context.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: openAIFinishReason(reply) }],
    usage: options.renderUsage(usage),
    service_tier: 'default',
    system_fingerprint: 'fp_simulator',
  };
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
