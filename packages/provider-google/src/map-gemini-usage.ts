import type { GenerateContentResponseUsageMetadata } from '@google/genai';
import { createUsage, type Usage } from '@stratum/core';

/**
 * Gemini `usageMetadata` → Stratum usage (https://ai.google.dev/api/generate-content#UsageMetadata):
 *
 * | Stratum           | Gemini                                                    |
 * | ----------------- | --------------------------------------------------------- |
 * | inputTokens       | promptTokenCount (cached tokens included) + toolUsePromptTokenCount |
 * | cacheReadTokens   | cachedContentTokenCount                                   |
 * | cacheWriteTokens  | 0: Gemini bills cache storage, not cache writes           |
 * | outputTokens      | candidatesTokenCount + thoughtsTokenCount                 |
 * | reasoningTokens   | thoughtsTokenCount                                        |
 */
export function mapGeminiUsage(usage: GenerateContentResponseUsageMetadata | undefined): Usage {
  const thoughts = usage?.thoughtsTokenCount ?? 0;
  return createUsage({
    inputTokens: (usage?.promptTokenCount ?? 0) + (usage?.toolUsePromptTokenCount ?? 0),
    cacheReadTokens: usage?.cachedContentTokenCount ?? 0,
    outputTokens: (usage?.candidatesTokenCount ?? 0) + thoughts,
    reasoningTokens: thoughts,
  });
}
