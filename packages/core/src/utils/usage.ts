import type { Usage } from '../types/usage.js';

export interface UsageParts {
  inputTokens?: number | null;
  cacheReadTokens?: number | null;
  cacheWriteTokens?: number | null;
  outputTokens?: number | null;
  reasoningTokens?: number | null;
}

/** Builds a `Usage` in the shared convention; `totalTokens` is always input plus output. */
export function createUsage(parts: UsageParts = {}): Usage {
  const inputTokens = parts.inputTokens ?? 0;
  const outputTokens = parts.outputTokens ?? 0;
  return {
    inputTokens,
    cacheReadTokens: parts.cacheReadTokens ?? 0,
    cacheWriteTokens: parts.cacheWriteTokens ?? 0,
    outputTokens,
    reasoningTokens: parts.reasoningTokens ?? 0,
    totalTokens: inputTokens + outputTokens,
  };
}
