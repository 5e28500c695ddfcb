import { InvalidResponseError } from '../errors/error-classes.js';
import type { ToolCall } from '../types/response.js';
import type { ToolCallDeltaEvent } from '../types/stream.js';

interface PendingCall {
  index: number;
  id: string;
  name: string;
  argumentsText: string;
}

/**
 * Assembles tool calls whose JSON arguments arrive in pieces (OpenAI `tool_calls[].function
 * .arguments` deltas, Anthropic `input_json_delta`), keyed by the vendor's index.
 */
export class ToolCallAssembler {
  #calls = new Map<number, PendingCall>();
  #provider: string;

  constructor(provider: string) {
    this.#provider = provider;
  }

  /** Adds a piece; returns the delta event to emit. */
  append(
    index: number,
    piece: { id?: string | null; name?: string | null; arguments?: string | null },
  ): ToolCallDeltaEvent {
    let call = this.#calls.get(index);
    if (!call) {
      call = { index, id: piece.id ?? '', name: piece.name ?? '', argumentsText: '' };
      this.#calls.set(index, call);
    } else {
      if (piece.id && !call.id) call.id = piece.id;
      if (piece.name && !call.name) call.name = piece.name;
    }
    const delta = piece.arguments ?? '';
    call.argumentsText += delta;
    return {
      type: 'tool-call-delta',
      index: call.index,
      id: call.id,
      name: call.name,
      argumentsDelta: delta,
    };
  }

  has(index: number): boolean {
    return this.#calls.has(index);
  }

  /** Completes one call (e.g. on Anthropic's `content_block_stop`). */
  complete(index: number): ToolCall | undefined {
    const call = this.#calls.get(index);
    if (!call) return undefined;
    this.#calls.delete(index);
    return {
      id: call.id,
      name: call.name,
      arguments: parseToolArguments(call.argumentsText, call.name, this.#provider),
      rawArguments: call.argumentsText,
    };
  }

  /** Completes every call still open, in index order. */
  completeAll(): ToolCall[] {
    const indexes = [...this.#calls.keys()].sort((a, b) => a - b);
    return indexes
      .map((index) => this.complete(index))
      .filter((call): call is ToolCall => call !== undefined);
  }
}

/** Parses tool arguments; an empty string is an empty object (tools without parameters). */
export function parseToolArguments(text: string, toolName: string, provider: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidResponseError(
      `${provider} returned arguments for tool "${toolName}" that are not valid JSON: ${text.slice(0, 200)}. Retry the call; with OpenAI-style vendors, strict tool schemas prevent this.`,
      { provider, cause: error, retryable: true },
    );
  }
}
