import {
  argumentsText,
  type CompletionContext,
  type JsonObject,
  openAIFinishReason,
} from '../openai/render-openai-completion.js';
import type { SimulatedReply, SimulatedUsage } from '../simulator/scenario.js';
import { splitText } from '../simulator/write-helpers.js';

/** Mistral's usage: token counts, with the cached part when there is one. */
export function renderMistralUsage(usage: SimulatedUsage): JsonObject {
  const rendered: JsonObject = {
    prompt_tokens: usage.inputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    completion_tokens: usage.outputTokens,
  };
  if (usage.cacheReadTokens)
    rendered['prompt_tokens_details'] = { cached_tokens: usage.cacheReadTokens };
  return rendered;
}

/** A Mistral tool-call id: nine characters from a-z, A-Z, 0-9. */
export function mistralToolCallId(index: number, context: CompletionContext): string {
  const seed = `${context.id}${index}`.replace(/[^a-zA-Z0-9]/g, '');
  return `${seed.slice(-8).padStart(8, 'x')}${index % 10}`;
}

function thinkingPart(text: string): JsonObject {
  return { type: 'thinking', thinking: [{ type: 'text', text }] };
}

/**
 * A `chat.completion` body as Mistral sends it: reasoning (Magistral) makes `content` an array
 * of a `thinking` part and a `text` part; tool calls carry no `type`.
 * https://docs.mistral.ai/capabilities/reasoning/
 */
export function renderMistralCompletion(
  reply: SimulatedReply,
  usage: SimulatedUsage,
  context: CompletionContext,
): JsonObject {
  const text = reply.text ?? '';
  const message: JsonObject = {
    role: 'assistant',
    tool_calls: null,
    content:
      reply.reasoning !== undefined
        ? [
            { ...thinkingPart(reply.reasoning), closed: true },
            { type: 'text', text },
          ]
        : text,
  };
  if (reply.toolCalls?.length) {
    message['tool_calls'] = reply.toolCalls.map((call, index) => ({
      id: call.id ?? mistralToolCallId(index, context),
      function: { name: call.name, arguments: argumentsText(call) },
    }));
  }
  return {
    id: context.id,
    created: context.created,
    model: context.model,
    usage: renderMistralUsage(usage),
    object: 'chat.completion',
    choices: [{ index: 0, finish_reason: openAIFinishReason(reply), message }],
  };
}

/**
 * The chunks of a Mistral stream: reasoning as `thinking` content parts, text deltas, each
 * tool call whole in one delta, and the usage on the chunk with the `finish_reason` (Mistral
 * has no `stream_options`).
 */
export function renderMistralChunks(
  reply: SimulatedReply,
  usage: SimulatedUsage,
  context: CompletionContext,
  chunkSize: number | undefined,
): JsonObject[] {
  const chunk = (delta: JsonObject, finishReason: string | null = null): JsonObject => ({
    id: context.id,
    object: 'chat.completion.chunk',
    created: context.created,
    model: context.model,
    choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
  });
  const chunks = [chunk({ role: 'assistant', content: '' })];
  for (const piece of splitText(reply.reasoning ?? '', chunkSize)) {
    chunks.push(chunk({ content: [thinkingPart(piece)] }));
  }
  for (const piece of splitText(reply.text ?? '', chunkSize))
    chunks.push(chunk({ content: piece }));
  reply.toolCalls?.forEach((call, index) => {
    chunks.push(
      chunk({
        tool_calls: [
          {
            id: call.id ?? mistralToolCallId(index, context),
            function: { name: call.name, arguments: argumentsText(call) },
          },
        ],
      }),
    );
  });
  const last = chunk({ content: '' }, openAIFinishReason(reply));
  last['usage'] = renderMistralUsage(usage);
  chunks.push(last);
  return chunks;
}
