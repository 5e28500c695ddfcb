import { createUsage, type Usage } from '@stratum/core';

/** The usage fields of a `message`, `message_start` or `message_delta` (all nullable in deltas). */
export interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  output_tokens_details?: { thinking_tokens?: number | null } | null;
}

/**
 * Anthropic's `input_tokens` excludes cached tokens: the prompt is
 * `input_tokens + cache_creation_input_tokens + cache_read_input_tokens`
 * (https://platform.claude.com/docs/en/build-with-claude/prompt-caching#tracking-cache-performance).
 *
 * | Stratum            | Anthropic                                                          |
 * | ------------------ | ------------------------------------------------------------------ |
 * | `inputTokens`      | `input_tokens + cache_creation_input_tokens + cache_read_input_tokens` |
 * | `cacheWriteTokens` | `cache_creation_input_tokens`                                      |
 * | `cacheReadTokens`  | `cache_read_input_tokens`                                          |
 * | `outputTokens`     | `output_tokens` (thinking included)                                |
 * | `reasoningTokens`  | `output_tokens_details.thinking_tokens`                            |
 */
export function mapAnthropicUsage(usage: AnthropicUsage | null | undefined): Usage {
  const cacheWriteTokens = usage?.cache_creation_input_tokens ?? 0;
  const cacheReadTokens = usage?.cache_read_input_tokens ?? 0;
  return createUsage({
    inputTokens: (usage?.input_tokens ?? 0) + cacheWriteTokens + cacheReadTokens,
    cacheWriteTokens,
    cacheReadTokens,
    outputTokens: usage?.output_tokens ?? 0,
    reasoningTokens: usage?.output_tokens_details?.thinking_tokens ?? 0,
  });
}

/**
 * Streams report usage in `message_start` and again, cumulatively, in `message_delta`: a later
 * non-null field replaces the earlier one.
 */
export function mergeAnthropicUsage(
  current: AnthropicUsage,
  update: AnthropicUsage | null | undefined,
): AnthropicUsage {
  if (!update) return current;
  return {
    input_tokens: update.input_tokens ?? current.input_tokens,
    output_tokens: update.output_tokens ?? current.output_tokens,
    cache_creation_input_tokens:
      update.cache_creation_input_tokens ?? current.cache_creation_input_tokens,
    cache_read_input_tokens: update.cache_read_input_tokens ?? current.cache_read_input_tokens,
    output_tokens_details: update.output_tokens_details ?? current.output_tokens_details,
  };
}
