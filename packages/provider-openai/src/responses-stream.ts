import {
  type Emit,
  InvalidResponseError,
  type ProviderStreamEvent,
  type StreamStage,
  ToolCallAssembler,
  type Warning,
} from '@stratum/core';
import type { Response, ResponseStreamEvent } from 'openai/resources/responses/responses';
import type { OpenAIErrorContext } from './map-openai-error.js';
import { builtInToolCallPart, finishOf, mapResponsesUsage } from './responses-convert-output.js';
import { failedResponseError } from './responses-map-error.js';

export interface ResponsesStreamContext extends OpenAIErrorContext {
  warnings: Warning[];
  includeRaw: boolean | undefined;
}

/**
 * Responses API stream events (https://platform.openai.com/docs/api-reference/responses-streaming)
 * → provider events: `output_text.delta` as text (an `output_text.done` whose text runs past
 * the deltas adds the rest), reasoning summary deltas as reasoning with the item's id and
 * `encrypted_content` kept for the next turn, function-call argument deltas assembled into
 * calls, built-in tool calls reported when their item is done, and one `finish` from
 * `response.completed` / `response.incomplete`. `response.failed` fails the stream with the
 * typed error of its code; the SDK itself throws on `error` events.
 */
export function createResponsesStreamStage(
  context: ResponsesStreamContext,
): StreamStage<ResponseStreamEvent, ProviderStreamEvent> {
  const assembler = new ToolCallAssembler(context.provider);
  const raw: ResponseStreamEvent[] | undefined = context.includeRaw ? [] : undefined;
  /** Text received per output item and content index, to compare with `output_text.done`. */
  const texts = new Map<string, string>();
  let functionCalls = 0;
  let refused = false;
  let final: Response | undefined;

  const item = (event: ResponseStreamEvent, emit: Emit<ProviderStreamEvent>): void => {
    raw?.push(event);
    switch (event.type) {
      case 'response.created':
        emit({ type: 'response-metadata', id: event.response.id, model: event.response.model });
        break;
      case 'response.output_item.added':
        if (event.item.type === 'function_call') {
          emit(
            assembler.append(event.output_index, {
              id: event.item.call_id,
              name: event.item.name,
              arguments: event.item.arguments,
            }),
          );
        } else if (event.item.type === 'reasoning') {
          emit({
            type: 'reasoning-delta',
            text: '',
            newBlock: true,
            providerOptions: { openai: { itemId: event.item.id } },
          });
        }
        break;
      case 'response.reasoning_summary_text.delta':
        emit({ type: 'reasoning-delta', text: event.delta });
        break;
      case 'response.reasoning_summary_part.added':
        // Summaries of one item read as paragraphs, as in a non-streamed response.
        if (event.summary_index > 0) emit({ type: 'reasoning-delta', text: '\n\n' });
        break;
      case 'response.output_text.delta': {
        const key = `${event.item_id}:${event.content_index}`;
        texts.set(key, (texts.get(key) ?? '') + event.delta);
        emit({ type: 'text-delta', text: event.delta });
        break;
      }
      case 'response.output_text.done': {
        const received = texts.get(`${event.item_id}:${event.content_index}`) ?? '';
        if (event.text.length > received.length && event.text.startsWith(received)) {
          emit({ type: 'text-delta', text: event.text.slice(received.length) });
        }
        break;
      }
      case 'response.refusal.delta':
        refused = true;
        emit({ type: 'text-delta', text: event.delta });
        break;
      case 'response.function_call_arguments.delta':
        emit(assembler.append(event.output_index, { arguments: event.delta }));
        break;
      case 'response.output_item.done': {
        const done = event.item;
        if (done.type === 'function_call') {
          functionCalls += 1;
          const toolCall = assembler.complete(event.output_index);
          if (toolCall) {
            emit({ type: 'tool-call', toolCall, providerOptions: { openai: { itemId: done.id } } });
          }
        } else if (done.type === 'reasoning') {
          if (done.encrypted_content) {
            emit({
              type: 'reasoning-delta',
              text: '',
              providerOptions: { openai: { encryptedContent: done.encrypted_content } },
            });
          }
        } else if (done.type !== 'message') {
          const part = builtInToolCallPart(done);
          if (part.type === 'tool-call') {
            emit({
              type: 'tool-call',
              toolCall: {
                id: part.id,
                name: part.name,
                arguments: part.arguments,
                rawArguments: JSON.stringify(part.arguments),
              },
              providerOptions: part.providerOptions,
            });
          }
        }
        break;
      }
      case 'response.completed':
      case 'response.incomplete':
        final = event.response;
        break;
      case 'response.failed':
        throw failedResponseError(event.response.error, context);
    }
  };

  return {
    item,
    end(emit) {
      if (context.warnings.length > 0) emit({ type: 'warnings', warnings: context.warnings });
      if (!final) {
        throw new InvalidResponseError(
          `The Responses stream of ${context.provider} (${context.model}) ended before response.completed. Retry the call.`,
          { provider: context.provider, model: context.model, retryable: true },
        );
      }
      emit({
        type: 'finish',
        ...finishOf(final, functionCalls > 0, refused),
        usage: mapResponsesUsage(final.usage),
        raw,
      });
    },
  };
}
