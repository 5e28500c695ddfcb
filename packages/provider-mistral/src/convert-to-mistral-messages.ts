import { findToolName, type Message } from '@stratum/core';
import type { OpenAICompatibleMessageConverter } from '@stratum/provider-openai/internal';
import { MistralToolCallIds } from './mistral-tool-call-ids.js';

/**
 * Adapts each Chat Completions message to Mistral's variant:
 * - tool-call ids become nine alphanumerics (see `MistralToolCallIds`; one map per request, so
 *   a call and its result keep matching);
 * - tool messages carry the tool's `name`;
 * - assistant reasoning goes back as a `thinking` content part (Magistral's format);
 * - a trailing assistant message is a prefix the model continues (`prefix: true`), which
 *   Mistral requires for an assistant message in last place.
 * https://docs.mistral.ai/api/#tag/chat/operation/chat_completion_v1_chat_completions_post
 */
export function createMistralMessageConverter(): OpenAICompatibleMessageConverter {
  const ids = new MistralToolCallIds();
  return (converted, { message, index, messages }) => {
    if (converted.role === 'assistant') {
      for (const call of converted.tool_calls ?? []) call.id = ids.map(call.id);
      const reasoning = message.role === 'assistant' ? reasoningOf(message) : '';
      if (reasoning) {
        const text = typeof converted.content === 'string' ? converted.content : '';
        Object.assign(converted, {
          content: [
            { type: 'thinking', thinking: [{ type: 'text', text: reasoning }] },
            ...(text ? [{ type: 'text', text }] : []),
          ],
        });
      }
      if (index === messages.length - 1) Object.assign(converted, { prefix: true });
    } else if (converted.role === 'tool') {
      const name =
        message.role === 'tool'
          ? (message.toolName ?? findToolName(messages, message.toolCallId))
          : undefined;
      converted.tool_call_id = ids.map(converted.tool_call_id);
      if (name) Object.assign(converted, { name });
    }
    return converted;
  };
}

function reasoningOf(message: Extract<Message, { role: 'assistant' }>): string {
  if (typeof message.content === 'string') return '';
  let text = '';
  for (const part of message.content) if (part.type === 'reasoning') text += part.text;
  return text;
}
