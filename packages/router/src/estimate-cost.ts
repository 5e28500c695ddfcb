import type { ModelInfo } from '@stratum/core';

/** Output tokens assumed when neither the request nor the catalog bounds the reply. */
export const DEFAULT_OUTPUT_TOKENS = 4_096;

/**
 * Worst-case dollars for one call: the prompt at the input price (the long-context tier when the
 * prompt crosses it) plus every output token the call may produce at the output price.
 */
export function estimateCallCost(
  info: ModelInfo | undefined,
  promptTokens: number,
  outputTokens: number,
): number | undefined {
  const pricing = info?.pricing;
  if (!pricing) return info?.local ? 0 : undefined;
  let input = pricing.input;
  let output = pricing.output;
  const tiers = pricing.tiers;
  if (tiers) {
    for (const tier of tiers) {
      if (promptTokens > tier.aboveInputTokens) {
        input = tier.input;
        output = tier.output;
      }
    }
  }
  return (promptTokens * input + outputTokens * output) / 1_000_000;
}

export function outputTokensFor(
  info: ModelInfo | undefined,
  requested: number | undefined,
): number {
  return requested ?? info?.maxOutputTokens ?? DEFAULT_OUTPUT_TOKENS;
}
