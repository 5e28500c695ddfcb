import { isRecord } from '@stratum/core/provider-kit';
import type {
  OpenAICompatibleChunkHandler,
  OpenAICompatibleMessage,
} from '@stratum/provider-openai/internal';

/**
 * Reasoning in Mistral's format: `content` is an array in which `thinking` parts hold the
 * reasoning as text chunks (`{"type": "thinking", "thinking": [{"type": "text", "text"}]}`),
 * beside the `text` parts of the answer, in responses and stream deltas alike.
 * https://docs.mistral.ai/capabilities/reasoning/
 */
export function readMistralReasoning(message: OpenAICompatibleMessage): string | undefined {
  if (!Array.isArray(message.content)) return undefined;
  let text = '';
  for (const part of message.content) {
    if (!isRecord(part) || part['type'] !== 'thinking' || !Array.isArray(part['thinking']))
      continue;
    for (const chunk of part['thinking']) {
      if (isRecord(chunk) && chunk['type'] === 'text' && typeof chunk['text'] === 'string')
        text += chunk['text'];
    }
  }
  return text || undefined;
}

/**
 * Mistral streams each tool call whole, in one delta, and may leave out `index` or repeat 0;
 * the shared reader assembles calls by `index`. Each delta call that brings an `id` starts a
 * new call, so it gets the next index; a delta without an `id` continues the last call. One
 * handler per stream keeps the running index.
 */
export function createMistralToolCallIndexer(): OpenAICompatibleChunkHandler {
  let next = 0;
  return (chunk) => {
    const calls = chunk.choices?.[0]?.delta?.tool_calls;
    if (!calls) return;
    for (const call of calls) {
      if (call.id) {
        call.index = next;
        next += 1;
      } else {
        call.index = Math.max(0, next - 1);
      }
    }
  };
}
