import {
  type Emit,
  type ProviderStreamEvent,
  ProviderUnavailableError,
  type StreamStage,
  ToolCallAssembler,
  type Usage,
} from '@stratum/core';
import type { Cohere } from 'cohere-ai';
import { mapCohereFinishReason } from './map-cohere-finish-reason.js';
import { mapCohereUsage } from './map-cohere-usage.js';

export interface CohereStreamContext {
  model: string;
  includeRaw: boolean | undefined;
}

/**
 * Chat v2 stream events (https://docs.cohere.com/v2/docs/streaming) → provider events: text and
 * thinking deltas, `tool-plan-delta` as reasoning, tool calls assembled from
 * `tool-call-start` / `tool-call-delta` and completed on `tool-call-end`, citations from
 * `citation-start` kept on the text part they support (as the non-streamed response keeps them,
 * in `providerOptions.cohere.citations`) when its `content-end` arrives, and one `finish` from
 * `message-end`. A `message-end` that carries an error fails the stream (retryable).
 */
export function createCohereStreamStage(
  context: CohereStreamContext,
): StreamStage<Cohere.V2ChatStreamResponse, ProviderStreamEvent> {
  const assembler = new ToolCallAssembler('cohere');
  const raw: Cohere.V2ChatStreamResponse[] | undefined = context.includeRaw ? [] : undefined;
  let planStarted = false;
  let textIndex: number | undefined;
  // Citations name their content block only sometimes (`content_index`); the others support the
  // text block being streamed. Each is kept as the SDK parsed it, as in the non-streamed response.
  let pending: Array<{ block: number; citation: Cohere.Citation }> = [];
  const releaseCitations = (block: number | undefined, emit: Emit<ProviderStreamEvent>): void => {
    const own = pending.filter((entry) => block === undefined || entry.block === block);
    if (own.length === 0) return;
    pending = pending.filter((entry) => !own.includes(entry));
    const citations = own.map((entry) => entry.citation);
    emit({ type: 'text-delta', text: '', providerOptions: { cohere: { citations } } });
  };
  let finish: { reason: string | undefined; usage: Usage } | undefined;

  const item = (event: Cohere.V2ChatStreamResponse, emit: Emit<ProviderStreamEvent>): void => {
    raw?.push(event);
    switch (event.type) {
      case 'message-start':
        emit({ type: 'response-metadata', id: event.id, model: context.model });
        break;
      case 'content-start': {
        const content = event.delta?.message?.content;
        if (content?.type === 'thinking') {
          emit({ type: 'reasoning-delta', text: '', newBlock: true });
        } else {
          textIndex = event.index ?? 0;
        }
        break;
      }
      case 'citation-start': {
        const citation = event.delta?.message?.citations;
        if (citation) pending.push({ block: citation.contentIndex ?? textIndex ?? 0, citation });
        break;
      }
      case 'content-end':
        if (event.index === textIndex) releaseCitations(textIndex, emit);
        break;
      case 'content-delta': {
        const content = event.delta?.message?.content;
        if (content?.thinking) emit({ type: 'reasoning-delta', text: content.thinking });
        if (content?.text) emit({ type: 'text-delta', text: content.text });
        break;
      }
      case 'tool-plan-delta': {
        const text = event.delta?.message?.toolPlan;
        if (!text) break;
        emit({ type: 'reasoning-delta', text, newBlock: !planStarted });
        planStarted = true;
        break;
      }
      case 'tool-call-start': {
        const call = event.delta?.message?.toolCalls;
        emit(
          assembler.append(event.index ?? 0, {
            id: call?.id,
            name: call?.function?.name,
            arguments: call?.function?.arguments,
          }),
        );
        break;
      }
      case 'tool-call-delta': {
        const piece = event.delta?.message?.toolCalls?.function?.arguments;
        emit(assembler.append(event.index ?? 0, { arguments: piece }));
        break;
      }
      case 'tool-call-end': {
        const toolCall = assembler.complete(event.index ?? 0);
        if (toolCall) emit({ type: 'tool-call', toolCall });
        break;
      }
      case 'message-end': {
        const delta = event.delta;
        if (delta?.error) {
          throw new ProviderUnavailableError(
            `cohere (${context.model}) said: ${delta.error}. The generation failed in the middle of the stream; retry the call.`,
            { provider: 'cohere', model: context.model },
          );
        }
        finish = { reason: delta?.finishReason, usage: mapCohereUsage(delta?.usage) };
        break;
      }
    }
  };

  return {
    item,
    end(emit) {
      // Citations that arrive after their block ended support the last text block.
      releaseCitations(undefined, emit);
      for (const toolCall of assembler.completeAll()) emit({ type: 'tool-call', toolCall });
      if (!finish) {
        throw new ProviderUnavailableError(
          `The Cohere stream for ${context.model} ended without a message-end event. Retry the call.`,
          { provider: 'cohere', model: context.model },
        );
      }
      emit({
        type: 'finish',
        finishReason: mapCohereFinishReason(finish.reason),
        rawFinishReason: finish.reason,
        usage: finish.usage,
        raw,
      });
    },
  };
}
