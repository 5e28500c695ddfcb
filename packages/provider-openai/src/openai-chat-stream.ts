import {
  type Emit,
  InvalidResponseError,
  type ProviderStreamEvent,
  type StreamStage,
  ToolCallAssembler,
} from '@stratum/core';
import { messageText, readReasoningField, readUsage } from './map-openai-chat-completion.js';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';
import type { OpenAICompatibleChunk, OpenAICompatibleUsage } from './openai-chat-api-types.js';
import type {
  OpenAICompatibleCallContext,
  OpenAICompatibleHooks,
} from './openai-compatible-settings.js';

type StreamHooks = Pick<
  OpenAICompatibleHooks,
  'mapUsage' | 'readProviderCost' | 'readReasoning' | 'onChunk' | 'createChunkHandler'
>;

/**
 * Turns `chat.completion.chunk`s into provider stream events, as one synchronous stage of a
 * fused stream (no async layer per chunk). Tool-call arguments arrive in pieces keyed by
 * `index` and are assembled into complete calls when the `finish_reason` arrives; the usage
 * comes in the last chunk (empty `choices`), so `finish` is emitted when the stream ends.
 * https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */
export function createOpenAIStreamStage(
  context: OpenAICompatibleCallContext,
  hooks: StreamHooks,
): StreamStage<OpenAICompatibleChunk, ProviderStreamEvent> {
  const { provider, model } = context;
  const readReasoning = hooks.readReasoning ?? readReasoningField;
  const assembler = new ToolCallAssembler(provider);
  const handleChunk = hooks.createChunkHandler?.(context);
  const rawChunks: OpenAICompatibleChunk[] | undefined = context.request.includeRaw
    ? []
    : undefined;
  let metadataSent = false;
  let rawFinishReason: string | undefined;
  let refused = false;
  let usage: OpenAICompatibleUsage | undefined;
  let toolCallCount = 0;
  const emitCompleted = (emit: Emit<ProviderStreamEvent>): void => {
    for (const toolCall of assembler.completeAll()) {
      toolCallCount += 1;
      if (!toolCall.id) toolCall.id = `call_${toolCallCount - 1}`;
      emit({ type: 'tool-call', toolCall });
    }
  };

  return {
    item(chunk, emit) {
      hooks.onChunk?.(chunk, context);
      handleChunk?.(chunk);
      rawChunks?.push(chunk);
      if (!metadataSent && (chunk.id || chunk.model)) {
        metadataSent = true;
        emit({
          type: 'response-metadata',
          id: chunk.id ?? undefined,
          model: chunk.model ?? undefined,
        });
      }
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices?.[0];
      if (!choice) return;
      const delta = choice.delta;
      if (delta) {
        const reasoning = readReasoning(delta, context);
        if (reasoning) emit({ type: 'reasoning-delta', text: reasoning });
        const text = messageText(delta.content);
        if (text) emit({ type: 'text-delta', text });
        if (delta.refusal) {
          refused = true;
          emit({ type: 'text-delta', text: delta.refusal });
        }
        if (delta.tool_calls) {
          for (const call of delta.tool_calls) {
            emit(
              assembler.append(call.index ?? 0, {
                id: call.id,
                name: call.function?.name,
                arguments: call.function?.arguments,
              }),
            );
          }
        }
      }
      if (choice.finish_reason) {
        rawFinishReason = choice.finish_reason;
        emitCompleted(emit);
      }
    },

    end(emit) {
      // The SDK ends an aborted stream quietly; the caller must still learn it was aborted.
      context.request.signal?.throwIfAborted();
      if (rawFinishReason === undefined) {
        throw new InvalidResponseError(
          `${provider} (${model}) ended the stream before its finish_reason; the connection was probably cut. Retry the call.`,
          { provider, model },
        );
      }
      emitCompleted(emit);
      const mappedUsage = readUsage(usage, context, hooks);
      // Read before the warnings go out: the hook may warn (a vendor cost far from the catalog's).
      const providerCost = usage ? hooks.readProviderCost?.(usage, context) : undefined;
      if (context.warnings.length > 0) emit({ type: 'warnings', warnings: [...context.warnings] });
      const finish: Extract<ProviderStreamEvent, { type: 'finish' }> = {
        type: 'finish',
        finishReason: refused ? 'content-filter' : mapOpenAIFinishReason(rawFinishReason),
        rawFinishReason,
        usage: mappedUsage,
      };
      if (providerCost) finish.providerCost = providerCost;
      if (rawChunks) finish.raw = rawChunks;
      emit(finish);
    },
  };
}
