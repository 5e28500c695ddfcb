import type { SimulatedReply } from '../simulator/scenario.js';

/**
 * Stop reasons of the Messages API:
 * https://platform.claude.com/docs/en/api/messages#response-stop-reason
 */
export type AnthropicStopReason =
  | 'end_turn'
  | 'max_tokens'
  | 'stop_sequence'
  | 'tool_use'
  | 'pause_turn'
  | 'refusal'
  | 'model_context_window_exceeded';

/**
 * A neutral reply plus what only Anthropic can say. Build one with `anthropicReply()` and
 * queue it like any other reply; other simulators ignore the extra fields.
 */
export interface AnthropicSimulatedReply extends SimulatedReply {
  /** `redacted_thinking` blocks (their opaque `data`), sent after the thinking block. */
  redactedThinking?: string[];
  /** The exact `stop_reason`, overriding the one derived from `finishReason`. */
  stopReason?: AnthropicStopReason;
  /** The stop sequence that matched, for `stop_reason: "stop_sequence"`. */
  stopSequence?: string;
}

export function anthropicReply(reply: AnthropicSimulatedReply): AnthropicSimulatedReply {
  return reply;
}

const STOP_REASONS: ReadonlySet<string> = new Set<AnthropicStopReason>([
  'end_turn',
  'max_tokens',
  'stop_sequence',
  'tool_use',
  'pause_turn',
  'refusal',
  'model_context_window_exceeded',
]);

function isStopReason(value: unknown): value is AnthropicStopReason {
  return typeof value === 'string' && STOP_REASONS.has(value);
}

/** The Anthropic-only fields of a reply, read without trusting its static type. */
export function anthropicExtras(reply: SimulatedReply): {
  redactedThinking: string[];
  stopReason: AnthropicStopReason | undefined;
  stopSequence: string | undefined;
} {
  const extras: Record<string, unknown> = { ...reply };
  const redacted = extras['redactedThinking'];
  const stopSequence = extras['stopSequence'];
  return {
    redactedThinking: Array.isArray(redacted)
      ? redacted.filter((data): data is string => typeof data === 'string')
      : [],
    stopReason: isStopReason(extras['stopReason']) ? extras['stopReason'] : undefined,
    stopSequence: typeof stopSequence === 'string' ? stopSequence : undefined,
  };
}

/** The `stop_reason` a reply ends with. */
export function stopReasonOf(reply: SimulatedReply): AnthropicStopReason {
  const { stopReason } = anthropicExtras(reply);
  if (stopReason) return stopReason;
  switch (reply.finishReason) {
    case 'length':
      return 'max_tokens';
    case 'tool-calls':
      return 'tool_use';
    case 'content-filter':
      return 'refusal';
    case 'stop':
      return 'end_turn';
    default:
      return reply.toolCalls?.length ? 'tool_use' : 'end_turn';
  }
}
