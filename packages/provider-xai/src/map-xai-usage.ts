import { createUsage, type ProviderReportedCost, type Usage } from '@stratum/core';
import type { OpenAICompatibleUsage } from '@stratum/provider-openai/internal';

/**
 * Maps xAI's usage. xAI's `completion_tokens` leaves the reasoning tokens out (recorded:
 * prompt 12 + completion 1 + reasoning 290 = total 303), while Stratum's `outputTokens`
 * includes them, so they are added back. Should xAI ever count them inside
 * `completion_tokens` (then `total_tokens` = prompt + completion), nothing is added.
 * `prompt_tokens` includes the cached tokens.
 * https://docs.x.ai/docs/guides/reasoning#usage, https://docs.x.ai/docs/api-reference#chat-completions
 *
 * | Stratum            | xAI                                                      |
 * | ------------------ | -------------------------------------------------------- |
 * | `inputTokens`      | `prompt_tokens`                                          |
 * | `cacheReadTokens`  | `prompt_tokens_details.cached_tokens`                    |
 * | `outputTokens`     | `completion_tokens + completion_tokens_details.reasoning_tokens` |
 * | `reasoningTokens`  | `completion_tokens_details.reasoning_tokens`             |
 */
export function mapXaiUsage(usage: OpenAICompatibleUsage): Usage {
  const prompt = usage.prompt_tokens ?? 0;
  const completion = usage.completion_tokens ?? 0;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens ?? 0;
  const total = usage.total_tokens;
  const reasoningInsideCompletion =
    typeof total === 'number' && total === prompt + completion && reasoning > 0;
  return createUsage({
    inputTokens: prompt,
    cacheReadTokens: usage.prompt_tokens_details?.cached_tokens,
    outputTokens: reasoningInsideCompletion ? completion : completion + reasoning,
    reasoningTokens: reasoning,
  });
}

/** One `cost_in_usd_ticks` is 1e-10 US dollars (recorded: 1,466,250 ticks = $0.000146625). */
const TICKS_PER_DOLLAR = 1e10;

/** The price xAI billed, from `usage.cost_in_usd_ticks`, when it reports one. */
export function readXaiCost(usage: OpenAICompatibleUsage): ProviderReportedCost | undefined {
  const ticks = usage['cost_in_usd_ticks'];
  if (typeof ticks !== 'number' || !Number.isFinite(ticks) || ticks < 0) return undefined;
  return { total: ticks / TICKS_PER_DOLLAR };
}
