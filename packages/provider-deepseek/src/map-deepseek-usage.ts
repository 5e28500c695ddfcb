import { createUsage, type Usage } from '@stratum/core';
import type { OpenAICompatibleUsage } from '@stratum/provider-openai/internal';

/**
 * Maps DeepSeek's usage. `prompt_tokens` is `prompt_cache_hit_tokens + prompt_cache_miss_tokens`
 * and cache hits bill at the cache-hit price, so the hits are Stratum's `cacheReadTokens`;
 * `completion_tokens` already includes the reasoning tokens.
 * https://api-docs.deepseek.com/api/create-chat-completion, https://api-docs.deepseek.com/guides/kv_cache
 *
 * | Stratum            | DeepSeek                                                         |
 * | ------------------ | ---------------------------------------------------------------- |
 * | `inputTokens`      | `prompt_tokens` (else hit + miss)                                |
 * | `cacheReadTokens`  | `prompt_cache_hit_tokens` (else `prompt_tokens_details.cached_tokens`) |
 * | `cacheWriteTokens` | 0: DeepSeek's cache is written for free                          |
 * | `outputTokens`     | `completion_tokens`                                              |
 * | `reasoningTokens`  | `completion_tokens_details.reasoning_tokens`                     |
 */
export function mapDeepSeekUsage(usage: OpenAICompatibleUsage): Usage {
  const hit =
    count(usage['prompt_cache_hit_tokens']) ?? count(usage.prompt_tokens_details?.cached_tokens);
  const miss = count(usage['prompt_cache_miss_tokens']);
  const input =
    count(usage.prompt_tokens) ??
    (hit !== undefined && miss !== undefined ? hit + miss : undefined);
  return createUsage({
    inputTokens: input,
    cacheReadTokens: hit,
    outputTokens: usage.completion_tokens,
    reasoningTokens: usage.completion_tokens_details?.reasoning_tokens,
  });
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
