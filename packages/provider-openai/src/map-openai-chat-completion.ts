import {
  createUsage,
  InvalidResponseError,
  type ProviderChatResult,
  parseToolArguments,
  type ResponseContentPart,
  type Warning,
} from '@stratum/core';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';
import { mapOpenAIUsage } from './map-openai-usage.js';
import type {
  OpenAICompatibleCompletion,
  OpenAICompatibleMessage,
  OpenAICompatibleUsage,
} from './openai-chat-api-types.js';
import type {
  OpenAICompatibleCallContext,
  OpenAICompatibleHooks,
} from './openai-compatible-settings.js';

type ReadHooks = Pick<
  OpenAICompatibleHooks,
  'mapUsage' | 'readProviderCost' | 'readReasoning' | 'onResponse'
>;

/**
 * Reads a `chat.completion` body: reasoning, text, refusal and tool calls of the first choice,
 * the finish reason and the usage.
 * https://platform.openai.com/docs/api-reference/chat/object
 */
export function mapOpenAIChatCompletion(
  body: OpenAICompatibleCompletion,
  context: OpenAICompatibleCallContext,
  hooks: ReadHooks,
): ProviderChatResult {
  hooks.onResponse?.(body, context);
  const { provider, model } = context;
  const choice = body.choices?.[0];
  const message = choice?.message;
  if (!choice || !message) {
    throw new InvalidResponseError(
      `${provider} (${model}) answered without a choice to read. Retry the call.`,
      { provider, model },
    );
  }
  const content: ResponseContentPart[] = [];
  const reasoning = (hooks.readReasoning ?? readReasoningField)(message, context);
  if (reasoning) content.push({ type: 'reasoning', text: reasoning });
  const text = messageText(message.content);
  if (text) content.push({ type: 'text', text });
  // A refusal is the model's answer too; it is shown as text and marked as filtered.
  if (message.refusal) content.push({ type: 'text', text: message.refusal });
  message.tool_calls?.forEach((call, index) => {
    const name = call.function?.name;
    if (!name) return;
    const rawArguments = call.function?.arguments ?? '';
    content.push({
      type: 'tool-call',
      id: call.id || `call_${index}`,
      name,
      arguments: parseToolArguments(rawArguments, name, provider),
      rawArguments,
    });
  });

  const rawFinishReason = choice.finish_reason ?? undefined;
  const finishReason = message.refusal ? 'content-filter' : mapOpenAIFinishReason(rawFinishReason);
  const result: ProviderChatResult = {
    id: body.id ?? '',
    model: body.model ?? model,
    content,
    finishReason,
    usage: readUsage(body.usage, context, hooks),
    warnings: context.warnings,
  };
  if (rawFinishReason !== undefined) result.rawFinishReason = rawFinishReason;
  const providerCost = body.usage ? hooks.readProviderCost?.(body.usage, context) : undefined;
  if (providerCost) result.providerCost = providerCost;
  if (context.request.includeRaw) result.raw = body;
  return result;
}

export function readUsage(
  usage: OpenAICompatibleUsage | null | undefined,
  context: OpenAICompatibleCallContext,
  hooks: Pick<OpenAICompatibleHooks, 'mapUsage'>,
) {
  if (!usage) {
    context.warnings.push(missingUsageWarning(context));
    return createUsage();
  }
  return hooks.mapUsage ? hooks.mapUsage(usage, context) : mapOpenAIUsage(usage);
}

export function missingUsageWarning(context: OpenAICompatibleCallContext): Warning {
  return {
    type: 'other',
    message: `${context.provider} (${context.model}) reported no usage, so usage is zero and the cost is not the real one.`,
  };
}

/** The default `readReasoning`: `reasoning_content` (DeepSeek, xAI), else `reasoning` (Groq, OpenRouter). */
export function readReasoningField(message: OpenAICompatibleMessage): string | undefined {
  const value = message['reasoning_content'] ?? message['reasoning'];
  return typeof value === 'string' ? value : undefined;
}

/** `content` as text: OpenAI sends a string; some vendors send typed parts. */
export function messageText(content: OpenAICompatibleMessage['content']): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content) {
    if (typeof part === 'object' && part !== null && 'type' in part && part.type === 'text') {
      if ('text' in part && typeof part.text === 'string') text += part.text;
    }
  }
  return text;
}
