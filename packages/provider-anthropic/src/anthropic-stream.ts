import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import {
  type Emit,
  InvalidResponseError,
  type ProviderStreamEvent,
  type StreamStage,
  ToolCallAssembler,
  type Warning,
} from '@stratum/core';
import { jsonToolValue } from './convert-anthropic-response.js';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';
import {
  type AnthropicUsage,
  mapAnthropicUsage,
  mergeAnthropicUsage,
} from './map-anthropic-usage.js';
import type { JsonTool } from './prepare-anthropic-tools.js';

type BlockState = { kind: 'tool'; position: number } | { kind: 'json'; buffer: string };

export interface StreamContext {
  model: string;
  jsonTool: JsonTool | undefined;
  warnings: Warning[];
  includeRaw: boolean | undefined;
}

/**
 * Converts the Messages API's stream events
 * (https://platform.claude.com/docs/en/build-with-claude/streaming) to provider stream events:
 * text and thinking deltas, signatures and redacted thinking as reasoning deltas, tool inputs
 * assembled from `input_json_delta`, and one `finish` with the usage of `message_start`
 * updated by `message_delta`. The SDK drops `ping` events and throws on `error` events.
 */
export function createAnthropicStreamStage(
  context: StreamContext,
): StreamStage<RawMessageStreamEvent, ProviderStreamEvent> {
  const { jsonTool } = context;
  const assembler = new ToolCallAssembler('anthropic');
  const blocks = new Map<number, BlockState>();
  const raw: RawMessageStreamEvent[] | undefined = context.includeRaw ? [] : undefined;
  let usage: AnthropicUsage = {};
  let stopReason: string | null = null;
  let toolCalls = 0;
  let jsonAnswers = 0;
  let finished = false;

  const item = (event: RawMessageStreamEvent, emit: Emit<ProviderStreamEvent>): void => {
    raw?.push(event);
    switch (event.type) {
      case 'message_start':
        usage = mergeAnthropicUsage(usage, event.message.usage);
        emit({ type: 'response-metadata', id: event.message.id, model: event.message.model });
        break;
      case 'content_block_start': {
        const block = event.content_block;
        if (block.type === 'text' && block.text) emit({ type: 'text-delta', text: block.text });
        else if (block.type === 'thinking') {
          emit({
            type: 'reasoning-delta',
            text: block.thinking,
            signature: block.signature || undefined,
            newBlock: true,
          });
        } else if (block.type === 'redacted_thinking') {
          emit({ type: 'reasoning-delta', text: '', redactedData: block.data, newBlock: true });
        } else if (block.type === 'tool_use') {
          if (jsonTool && block.name === jsonTool.name) {
            blocks.set(event.index, { kind: 'json', buffer: '' });
          } else {
            const position = toolCalls;
            toolCalls += 1;
            blocks.set(event.index, { kind: 'tool', position });
            emit(assembler.append(position, { id: block.id, name: block.name, arguments: '' }));
          }
        }
        break;
      }
      case 'content_block_delta': {
        const delta = event.delta;
        if (delta.type === 'text_delta') emit({ type: 'text-delta', text: delta.text });
        else if (delta.type === 'thinking_delta')
          emit({ type: 'reasoning-delta', text: delta.thinking });
        else if (delta.type === 'signature_delta') {
          emit({ type: 'reasoning-delta', text: '', signature: delta.signature });
        } else if (delta.type === 'input_json_delta' && delta.partial_json !== '') {
          const state = blocks.get(event.index);
          if (state?.kind === 'tool') {
            emit(assembler.append(state.position, { arguments: delta.partial_json }));
          } else if (state?.kind === 'json') {
            // An unwrapped JSON answer streams as text as it comes.
            if (jsonTool?.wrapped) state.buffer += delta.partial_json;
            else emit({ type: 'text-delta', text: delta.partial_json });
          }
        }
        break;
      }
      case 'content_block_stop': {
        const state = blocks.get(event.index);
        if (state?.kind === 'tool') {
          const toolCall = assembler.complete(state.position);
          if (toolCall) emit({ type: 'tool-call', toolCall });
        } else if (state?.kind === 'json' && jsonTool) {
          jsonAnswers += 1;
          if (jsonTool.wrapped) {
            emit({
              type: 'text-delta',
              text: JSON.stringify(jsonToolValue(parseJson(state.buffer), jsonTool)),
            });
          }
        }
        break;
      }
      case 'message_delta':
        stopReason = event.delta.stop_reason ?? stopReason;
        usage = mergeAnthropicUsage(usage, event.usage);
        break;
      case 'message_stop':
        finished = true;
        if (context.warnings.length > 0) emit({ type: 'warnings', warnings: context.warnings });
        emit({
          type: 'finish',
          finishReason: mapAnthropicFinishReason(stopReason, jsonAnswers > 0 && toolCalls === 0),
          rawFinishReason: stopReason ?? undefined,
          usage: mapAnthropicUsage(usage),
          raw,
        });
        break;
    }
  };
  return {
    item,
    end() {
      if (finished) return;
      throw new InvalidResponseError(
        'The Anthropic stream ended before message_stop; the connection was probably cut. Retry the call.',
        { provider: 'anthropic', model: context.model, retryable: true },
      );
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidResponseError(
      `Anthropic returned JSON output that does not parse: ${text.slice(0, 200)}. Retry the call.`,
      { provider: 'anthropic', cause: error, retryable: true },
    );
  }
}
