import { InvalidResponseError } from '../errors/error-classes.js';
import type { ProviderStreamEvent } from '../types/provider.js';
import type { ChatRequest } from '../types/request.js';
import type { Warning } from '../types/response.js';
import type { StreamEvent } from '../types/stream.js';
import type { StreamStage } from '../utils/fused-stream.js';
import { buildResponse, ContentAccumulator } from './build-response.js';
import type { CallSignal } from './call-signal.js';
import type { StreamObserver } from './chat-stream.js';
import type { ResolvedModel } from './middleware.js';

/**
 * The stage that turns a provider's events into the public stream: deltas pass through, the
 * content is accumulated, and the provider's `finish` becomes a `finish` event carrying the
 * whole response with usage and cost.
 */
export function assembleStream(
  model: ResolvedModel,
  request: ChatRequest,
  callSignal: CallSignal,
  started: number,
  observer?: StreamObserver,
): StreamStage<ProviderStreamEvent, StreamEvent> {
  const accumulator = new ContentAccumulator();
  const warnings: Warning[] = [];
  let id = '';
  let reportedModel = '';
  let pricingRegion: string | undefined;
  let finished = false;
  return {
    item(part, emit) {
      switch (part.type) {
        case 'text-delta':
          accumulator.addText(part.text, part.providerOptions);
          if (part.text) emit({ type: 'text-delta', text: part.text });
          return;
        case 'reasoning-delta':
          accumulator.addReasoning(part);
          if (part.text) emit({ type: 'reasoning-delta', text: part.text });
          return;
        case 'tool-call-delta':
          emit(part);
          return;
        case 'tool-call':
          accumulator.addToolCall(part.toolCall, part.providerOptions);
          emit({ type: 'tool-call', toolCall: part.toolCall });
          return;
        case 'response-metadata':
          if (part.id) id = part.id;
          if (part.model) reportedModel = part.model;
          if (part.pricingRegion) pricingRegion = part.pricingRegion;
          return;
        case 'warnings':
          warnings.push(...part.warnings);
          return;
        case 'finish': {
          if (finished) return;
          finished = true;
          const result = {
            id,
            model: reportedModel,
            content: accumulator.content,
            finishReason: part.finishReason,
            rawFinishReason: part.rawFinishReason,
            usage: part.usage,
            warnings,
            raw: part.raw,
            providerCost: part.providerCost,
            pricingRegion,
          };
          const response = buildResponse(
            result,
            model,
            performance.now() - started,
            request.includeRaw,
          );
          observer?.finish(response);
          emit({ type: 'finish', response });
          return;
        }
      }
    },
    end(emit) {
      if (finished) {
        observer?.end(emit);
        return;
      }
      throw new InvalidResponseError(
        `The ${model.provider} stream for ${model.id} ended before its final event; the connection was probably cut. Retry the call.`,
        { provider: model.provider, model: model.name },
      );
    },
    error: (error) => {
      const mapped = callSignal.toError(error);
      return observer ? observer.error(mapped) : mapped;
    },
    close: () => {
      callSignal.dispose();
      observer?.close();
    },
  };
}
