import type { ConverseStreamOutput, TokenUsage } from '@aws-sdk/client-bedrock-runtime';
import {
  type Emit,
  InvalidResponseError,
  type ProviderStreamEvent,
  type StreamStage,
  ToolCallAssembler,
  type Warning,
} from '@stratum/core';
import { mapBedrockFinishReason } from './map-bedrock-finish-reason.js';
import { mapBedrockUsage } from './map-bedrock-usage.js';

export interface BedrockStreamContext {
  model: string;
  warnings: Warning[];
  includeRaw: boolean | undefined;
  /** The request id of the HTTP answer, known once the stream is open. */
  requestId(): string | undefined;
  /** The region the call is billed in, when it is billed at a region's price. */
  pricingRegion(): string | undefined;
}

/**
 * ConverseStream events (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html),
 * decoded by the SDK from `application/vnd.amazon.eventstream` frames → provider events: text,
 * reasoning text with its signature (a new block per content block), tool inputs assembled
 * from `toolUse.input` deltas and completed on `contentBlockStop`, and one `finish` with the
 * `messageStop` reason and the `metadata` usage, whichever order they come in. Exception
 * events are thrown by the SDK.
 */
export function createBedrockStreamStage(
  context: BedrockStreamContext,
): StreamStage<ConverseStreamOutput, ProviderStreamEvent> {
  const assembler = new ToolCallAssembler('bedrock');
  const raw: ConverseStreamOutput[] | undefined = context.includeRaw ? [] : undefined;
  let started = false;
  let reasoningBlock: number | undefined;
  let stopReason: string | undefined;
  let usage: TokenUsage | undefined;

  const item = (event: ConverseStreamOutput, emit: Emit<ProviderStreamEvent>): void => {
    raw?.push(event);
    if (!started) {
      started = true;
      const pricingRegion = context.pricingRegion();
      emit({
        type: 'response-metadata',
        id: context.requestId(),
        model: context.model,
        ...(pricingRegion ? { pricingRegion } : {}),
      });
    }
    if (event.contentBlockStart?.start?.toolUse) {
      const { toolUseId, name } = event.contentBlockStart.start.toolUse;
      emit(
        assembler.append(event.contentBlockStart.contentBlockIndex ?? 0, {
          id: toolUseId,
          name,
          arguments: '',
        }),
      );
    } else if (event.contentBlockDelta) {
      const index = event.contentBlockDelta.contentBlockIndex ?? 0;
      const delta = event.contentBlockDelta.delta;
      if (delta?.text !== undefined) emit({ type: 'text-delta', text: delta.text });
      else if (delta?.toolUse)
        emit(assembler.append(index, { arguments: delta.toolUse.input ?? '' }));
      else if (delta?.reasoningContent) {
        const newBlock = reasoningBlock !== index;
        reasoningBlock = index;
        const reasoning = delta.reasoningContent;
        if (reasoning.redactedContent) {
          emit({
            type: 'reasoning-delta',
            text: '',
            redactedData: Buffer.from(reasoning.redactedContent).toString('base64'),
            newBlock,
          });
        } else {
          emit({
            type: 'reasoning-delta',
            text: reasoning.text ?? '',
            ...(reasoning.signature ? { signature: reasoning.signature } : {}),
            newBlock,
          });
        }
      }
    } else if (event.contentBlockStop) {
      const toolCall = assembler.complete(event.contentBlockStop.contentBlockIndex ?? 0);
      if (toolCall) emit({ type: 'tool-call', toolCall });
    } else if (event.messageStop) {
      stopReason = event.messageStop.stopReason;
    } else if (event.metadata) {
      usage = event.metadata.usage;
    }
  };

  return {
    item,
    end(emit) {
      for (const toolCall of assembler.completeAll()) emit({ type: 'tool-call', toolCall });
      if (context.warnings.length > 0) emit({ type: 'warnings', warnings: context.warnings });
      if (stopReason === undefined) {
        throw new InvalidResponseError(
          `The Bedrock stream for ${context.model} ended without a messageStop event. Retry the call.`,
          { provider: 'bedrock', model: context.model, retryable: true },
        );
      }
      emit({
        type: 'finish',
        finishReason: mapBedrockFinishReason(stopReason),
        rawFinishReason: stopReason,
        usage: mapBedrockUsage(usage),
        raw,
      });
    },
  };
}
