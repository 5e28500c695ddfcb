import type { SimulatedReply, SimulatedUsage } from '../simulator/scenario.js';
import { splitText } from '../simulator/write-helpers.js';
import {
  argumentsText,
  type CompletionContext,
  type JsonObject,
  openAIFinishReason,
  type RenderOptions,
  toolCallId,
} from './render-openai-completion.js';

/** Characters of tool arguments per delta when the step gives no `chunkSize`. */
const ARGUMENT_PIECE_SIZE = 8;

export interface ChunkOptions extends RenderOptions {
  /** The request asked for `stream_options: { include_usage: true }`. */
  includeUsage: boolean;
  chunkSize: number | undefined;
}

/**
 * The `chat.completion.chunk` objects of a streamed answer, in order: the role chunk, reasoning
 * and content deltas, each tool call (id and name first, then argument pieces), the chunk with
 * `finish_reason`, and, when the request asked for it, the usage chunk with empty `choices`.
 * https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */
export function renderOpenAIChunks(
  reply: SimulatedReply,
  usage: SimulatedUsage,
  context: CompletionContext,
  options: ChunkOptions,
): JsonObject[] {
  const chunk = (delta: JsonObject, finishReason: string | null = null): JsonObject => {
    const value: JsonObject = {
      id: context.id,
      object: 'chat.completion.chunk',
      created: context.created,
      model: context.model,
      system_fingerprint: 'fp_simulator',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    };
    if (options.includeUsage) value['usage'] = null;
    return value;
  };

  const chunks: JsonObject[] = [chunk({ role: 'assistant', content: '', refusal: null })];
  const { reasoningField } = options;
  if (reasoningField && reply.reasoning) {
    for (const piece of splitText(reply.reasoning, options.chunkSize)) {
      chunks.push(chunk({ [reasoningField]: piece }));
    }
  }
  for (const piece of splitText(reply.text ?? '', options.chunkSize)) {
    chunks.push(chunk({ content: piece }));
  }
  for (const piece of splitText(reply.refusal ?? '', options.chunkSize)) {
    chunks.push(chunk({ refusal: piece }));
  }
  reply.toolCalls?.forEach((call, index) => {
    chunks.push(
      chunk({
        tool_calls: [
          {
            index,
            id: toolCallId(call, index, context),
            type: 'function',
            function: { name: call.name, arguments: '' },
          },
        ],
      }),
    );
    for (const piece of splitText(argumentsText(call), options.chunkSize ?? ARGUMENT_PIECE_SIZE)) {
      chunks.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
    }
  });
  chunks.push(chunk({}, openAIFinishReason(reply)));
  if (options.includeUsage) {
    chunks.push({
      id: context.id,
      object: 'chat.completion.chunk',
      created: context.created,
      model: context.model,
      system_fingerprint: 'fp_simulator',
      choices: [],
      usage: options.renderUsage(usage),
    });
  }
  return chunks;
}
