import type { FinishReason } from '@stratum/core';

/**
 * Gemini's `Candidate.finishReason` → Stratum's, as documented in
 * https://ai.google.dev/api/generate-content#FinishReason. Gemini ends function-call turns
 * with `STOP`, so a turn with function calls is `tool-calls`.
 */
export function mapGeminiFinishReason(
  finishReason: string | undefined,
  hasToolCalls: boolean,
): FinishReason {
  switch (finishReason) {
    case 'STOP':
      return hasToolCalls ? 'tool-calls' : 'stop';
    case 'MAX_TOKENS':
    case 'CONTINUATION':
      return 'length';
    case 'SAFETY':
    case 'RECITATION':
    case 'BLOCKLIST':
    case 'PROHIBITED_CONTENT':
    case 'SPII':
    case 'IMAGE_SAFETY':
    case 'IMAGE_PROHIBITED_CONTENT':
    case 'IMAGE_RECITATION':
      return 'content-filter';
    case 'MALFORMED_FUNCTION_CALL':
    case 'UNEXPECTED_TOOL_CALL':
    case 'TOO_MANY_TOOL_CALLS':
    case 'MALFORMED_RESPONSE':
      return 'error';
    case undefined:
      return hasToolCalls ? 'tool-calls' : 'other';
    default:
      return 'other';
  }
}

/** Finish reasons that mean Gemini's filters withheld the answer. */
export function isBlockedFinishReason(finishReason: string | undefined): boolean {
  return mapGeminiFinishReason(finishReason, false) === 'content-filter';
}
