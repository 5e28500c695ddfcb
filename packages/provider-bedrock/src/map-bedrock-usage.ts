import type { TokenUsage } from '@aws-sdk/client-bedrock-runtime';
import { createUsage, type Usage } from '@stratum/core';

/**
 * Converse `usage` (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_TokenUsage.html):
 * `inputTokens` counts only the tokens after the last cache point, as Anthropic's
 * `input_tokens` does; cache reads and writes are reported apart → Stratum's `inputTokens` is
 * their sum. `outputTokens` includes reasoning; Bedrock reports no reasoning count.
 */
export function mapBedrockUsage(usage: TokenUsage | undefined): Usage {
  const cacheRead = usage?.cacheReadInputTokens ?? 0;
  const cacheWrite = usage?.cacheWriteInputTokens ?? 0;
  return createUsage({
    inputTokens: (usage?.inputTokens ?? 0) + cacheRead + cacheWrite,
    cacheReadTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    outputTokens: usage?.outputTokens,
  });
}
