import { findToolName, type Message } from '@stratum/core';
import type { OpenAIChatRequestBody } from '@stratum/provider-openai/internal';
import { MistralToolCallIds } from './mistral-tool-call-ids.js';

type ChatMessage = OpenAIChatRequestBody['messages'][number];

/**
 * Adapts Chat Completions messages to Mistral's variant:
 * - tool-call ids become nine alphanumerics (see `MistralToolCallIds`);
 * - tool messages carry the tool's `name`;
 * - assistant reasoning goes back as a `thinking` content part (Magistral's format);
 * - a trailing assistant message is a prefix the model continues (`prefix: true`), which
 *   Mistral requires for an assistant message in last place.
 * https://docs.mistral.ai/api/#tag/chat/operation/chat_completion_v1_chat_completions_post
 *
 * `converted` holds one message per Stratum message, in order.
 */
export function convertToMistralMessages(
  converted: ChatMessage[],
  messages: readonly Message[],
): ChatMessage[] {
  const ids = new MistralToolCallIds();
  converted.forEach((message, index) => {
    const original = messages[index];
    if (message.role === 'assistant') {
      for (const call of message.tool_calls ?? []) call.id = ids.map(call.id);
      const reasoning = original?.role === 'assistant' ? reasoningOf(original) : '';
      if (reasoning) {
        const text = typeof message.content === 'string' ? message.content : '';
        Object.assign(message, {
          content: [
            { type: 'thinking', thinking: [{ type: 'text', text: reasoning }] },
            ...(text ? [{ type: 'text', text }] : []),
          ],
        });
      }
    } else if (message.role === 'tool') {
      const name =
        original?.role === 'tool'
          ? (original.toolName ?? findToolName(messages, original.toolCallId))
          : undefined;
      message.tool_call_id = ids.map(message.tool_call_id);
      if (name) Object.assign(message, { name });
    }
  });
  const last = converted.at(-1);
  if (last?.role === 'assistant') Object.assign(last, { prefix: true });
  return converted;
}

function reasoningOf(message: Extract<Message, { role: 'assistant' }>): string {
  if (typeof message.content === 'string') return '';
  let text = '';
  for (const part of message.content) if (part.type === 'reasoning') text += part.text;
  return text;
}
