import { getModel } from '../catalog/model-registry.js';
import type { ModelInfo, ModelPricing, PriceTier } from '../types/model-info.js';
import type { Cost, Usage } from '../types/usage.js';

/** Picodollars (1e-12 USD) per token per "USD per million tokens": integer arithmetic keeps sums exact. */
const PICO_PER_MILLION_PRICE = 1_000_000;
const PICO_PER_DOLLAR = 1e12;

/**
 * The cost of a call from its usage and the model's prices.
 *
 * - Uncached input = `inputTokens - cacheReadTokens - cacheWriteTokens`, at the input price.
 * - Cache reads and writes at their own prices (the input price when the model has none).
 * - Output at the output price; when the model prices reasoning apart, the reasoning tokens are
 *   taken out of output and priced at the reasoning price.
 * - A tier (e.g. above 200k prompt tokens) replaces every price of the call once `inputTokens`
 *   exceeds its threshold, as Anthropic and Google bill long prompts.
 *
 * Each amount is computed in integer picodollars, so the breakdown sums exactly to the total.
 * Returns `undefined` when the model or its price is unknown.
 */
export function calculateCost(model: string | ModelInfo, usage: Usage): Cost | undefined {
  const info = typeof model === 'string' ? getModel(model) : model;
  const pricing = info?.pricing;
  if (!pricing) return undefined;
  const prices = pricesFor(pricing, usage.inputTokens);
  const uncachedInput = Math.max(
    0,
    usage.inputTokens - usage.cacheReadTokens - usage.cacheWriteTokens,
  );
  const pricedApart = prices.reasoning !== undefined;
  const reasoningTokens = pricedApart ? Math.min(usage.reasoningTokens, usage.outputTokens) : 0;

  const input = picos(uncachedInput, prices.input);
  const cacheRead = picos(usage.cacheReadTokens, prices.cacheRead ?? prices.input);
  const cacheWrite = picos(usage.cacheWriteTokens, prices.cacheWrite ?? prices.input);
  const output = picos(usage.outputTokens - reasoningTokens, prices.output);
  const reasoning = pricedApart ? picos(reasoningTokens, prices.reasoning ?? prices.output) : 0n;
  const total = input + cacheRead + cacheWrite + output + reasoning;
  return {
    currency: 'USD',
    input: dollars(input),
    cacheRead: dollars(cacheRead),
    cacheWrite: dollars(cacheWrite),
    output: dollars(output),
    reasoning: dollars(reasoning),
    total: dollars(total),
    source: 'catalog',
  };
}

function pricesFor(
  pricing: ModelPricing,
  inputTokens: number,
): Omit<PriceTier, 'aboveInputTokens'> {
  let chosen: Omit<PriceTier, 'aboveInputTokens'> = pricing;
  let threshold = -1;
  for (const tier of pricing.tiers ?? []) {
    if (inputTokens > tier.aboveInputTokens && tier.aboveInputTokens > threshold) {
      chosen = tier;
      threshold = tier.aboveInputTokens;
    }
  }
  return chosen;
}

function picos(tokens: number, pricePerMillion: number): bigint {
  return BigInt(tokens) * BigInt(Math.round(pricePerMillion * PICO_PER_MILLION_PRICE));
}

function dollars(amount: bigint): number {
  return Number(amount) / PICO_PER_DOLLAR;
}
