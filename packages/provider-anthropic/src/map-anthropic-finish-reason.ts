import type { FinishReason } from '@stratum/core';

/**
 * Maps `stop_reason` (https://platform.claude.com/docs/en/api/messages#response-stop-reason).
 * `pause_turn` (a long server-tool turn the caller should continue) has no neutral equivalent
 * and becomes `other`; the raw value is kept in `rawFinishReason`.
 */
export function mapAnthropicFinishReason(
  stopReason: string | null | undefined,
  answeredWithJsonTool: boolean,
): FinishReason {
  switch (stopReason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      // The forced JSON tool is how the answer arrived, not a call for the caller to run.
      return answeredWithJsonTool ? 'stop' : 'tool-calls';
    case 'refusal':
      return 'content-filter';
    default:
      return 'other';
  }
}
