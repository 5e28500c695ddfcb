import type { GenerateContentResponse } from '@google/genai';
import {
  type Emit,
  type ProviderStreamEvent,
  type StreamStage,
  ToolCallAssembler,
  type Usage,
  type Warning,
} from '@stratum/core';
import { generateToolCallId, responseBody } from './convert-gemini-response.js';
import { blockedAnswerError, blockedPromptError } from './gemini-safety.js';
import { isBlockedFinishReason, mapGeminiFinishReason } from './map-gemini-finish-reason.js';
import { mapGeminiUsage } from './map-gemini-usage.js';
import type { ThoughtSignatureStore } from './thought-signature-store.js';

export interface StreamContext {
  provider: string;
  model: string;
  signatures: ThoughtSignatureStore;
  includeRaw: boolean | undefined;
  warnings: Warning[];
}

/**
 * `streamGenerateContent?alt=sse` chunks → Stratum stream events
 * (https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent). Each
 * chunk is a whole `GenerateContentResponse` with the parts produced since the last one;
 * thought parts are reasoning deltas; a function call always arrives whole, so it yields one
 * argument delta and the complete call. `usageMetadata` is cumulative: the last one counts.
 * A stream that ends without a finish reason yields no `finish`, and core reports it as cut.
 */
export function createGeminiStreamStage(
  context: StreamContext,
): StreamStage<GenerateContentResponse, ProviderStreamEvent> {
  const assembler = new ToolCallAssembler(context.provider);
  const raw: Array<Record<string, unknown>> | undefined = context.includeRaw ? [] : undefined;
  let metadataSent = false;
  let usage: Usage | undefined;
  let rawFinishReason: string | undefined;
  let toolCalls = 0;

  const item = (chunk: GenerateContentResponse, emit: Emit<ProviderStreamEvent>): void => {
    raw?.push(responseBody(chunk));
    if (!metadataSent && (chunk.responseId || chunk.modelVersion)) {
      metadataSent = true;
      emit({ type: 'response-metadata', id: chunk.responseId, model: chunk.modelVersion });
    }
    const blocked = blockedPromptError(chunk, context);
    if (blocked) throw blocked;
    if (chunk.usageMetadata) usage = mapGeminiUsage(chunk.usageMetadata);
    const candidate = chunk.candidates?.[0];
    for (const part of candidate?.content?.parts ?? []) {
      if (part.functionCall) {
        const id = part.functionCall.id ?? generateToolCallId();
        if (part.thoughtSignature) context.signatures.remember(id, part.thoughtSignature);
        emit(
          assembler.append(toolCalls, {
            id,
            name: part.functionCall.name ?? '',
            arguments: JSON.stringify(part.functionCall.args ?? {}),
          }),
        );
        const toolCall = assembler.complete(toolCalls);
        toolCalls += 1;
        if (toolCall) {
          emit({
            type: 'tool-call',
            toolCall,
            ...(part.thoughtSignature
              ? { providerOptions: { google: { thoughtSignature: part.thoughtSignature } } }
              : {}),
          });
        }
      } else if (typeof part.text === 'string') {
        if (part.thought) {
          if (part.text || part.thoughtSignature) {
            emit({ type: 'reasoning-delta', text: part.text, signature: part.thoughtSignature });
          }
        } else if (part.text) {
          emit({ type: 'text-delta', text: part.text });
        }
      }
    }
    if (candidate?.finishReason) {
      rawFinishReason = candidate.finishReason;
      if (isBlockedFinishReason(rawFinishReason)) {
        throw blockedAnswerError(rawFinishReason, candidate.safetyRatings, context);
      }
    }
  };

  return {
    item,
    end(emit) {
      // No finish reason: emit nothing, and core reports the stream as cut.
      if (rawFinishReason === undefined) return;
      if (context.warnings.length > 0) emit({ type: 'warnings', warnings: context.warnings });
      emit({
        type: 'finish',
        finishReason: mapGeminiFinishReason(rawFinishReason, toolCalls > 0),
        rawFinishReason,
        usage: usage ?? mapGeminiUsage(undefined),
        ...(raw ? { raw } : {}),
      });
    },
  };
}
