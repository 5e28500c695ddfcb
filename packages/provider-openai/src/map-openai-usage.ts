import { createUsage, type Usage } from '@stratum/core';
import type { OpenAICompatibleUsage } from './openai-chat-api-types.js';

/**
 * Maps Chat Completions usage onto Stratum's convention. OpenAI's counts already nest the way
 * Stratum's do: `prompt_tokens` includes the cached tokens and `completion_tokens` includes the
 * reasoning tokens, so no arithmetic is needed.
 * https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage
 *
 * | Stratum            | OpenAI                                          |
 * | ------------------ | ----------------------------------------------- |
 * | `inputTokens`      | `prompt_tokens`                                 |
 * | `cacheReadTokens`  | `prompt_tokens_details.cached_tokens`           |
 * | `cacheWriteTokens` | `prompt_tokens_details.cache_write_tokens`      |
 * | `outputTokens`     | `completion_tokens`                             |
 * | `reasoningTokens`  | `completion_tokens_details.reasoning_tokens`    |
 */
export function mapOpenAIUsage(usage: OpenAICompatibleUsage | null | undefined): Usage {
  return createUsage({
    inputTokens: usage?.prompt_tokens,
    cacheReadTokens: usage?.prompt_tokens_details?.cached_tokens,
    cacheWriteTokens: usage?.prompt_tokens_details?.cache_write_tokens,
    outputTokens: usage?.completion_tokens,
    reasoningTokens: usage?.completion_tokens_details?.reasoning_tokens,
  });
}
