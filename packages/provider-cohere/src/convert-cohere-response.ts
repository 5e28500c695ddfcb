import { parseToolArguments, type ResponseContentPart } from '@stratum/core';
import type { Cohere } from 'cohere-ai';

/** The reasoning part that carries `tool_plan`, marked so it goes back as `tool_plan`. */
export const TOOL_PLAN_OPTIONS = { cohere: { toolPlan: true } };

/**
 * A chat v2 response message → content parts, in Cohere's order: thinking, text (each text
 * part keeps the citations of its `content_index` in `providerOptions.cohere.citations`), the
 * tool plan as reasoning, then the tool calls with parsed arguments.
 */
export function convertCohereMessage(
  message: Cohere.AssistantMessageResponse,
): ResponseContentPart[] {
  const parts: ResponseContentPart[] = [];
  const citations = message.citations ?? [];
  (message.content ?? []).forEach((item, index) => {
    if (item.type === 'thinking') {
      parts.push({ type: 'reasoning', text: item.thinking });
      return;
    }
    const own = citations.filter((citation) => (citation.contentIndex ?? 0) === index);
    parts.push({
      type: 'text',
      text: item.text,
      ...(own.length > 0 ? { providerOptions: { cohere: { citations: own } } } : {}),
    });
  });
  if (message.toolPlan) {
    parts.push({ type: 'reasoning', text: message.toolPlan, providerOptions: TOOL_PLAN_OPTIONS });
  }
  for (const call of message.toolCalls ?? []) {
    const name = call.function?.name ?? '';
    parts.push({
      type: 'tool-call',
      id: call.id,
      name,
      arguments: parseToolArguments(call.function?.arguments ?? '', name, 'cohere'),
      ...(call.function?.arguments !== undefined ? { rawArguments: call.function.arguments } : {}),
    });
  }
  return parts;
}
