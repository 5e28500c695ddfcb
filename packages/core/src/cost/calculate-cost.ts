import { getModel } from '../catalog/model-registry.js';
import { InvalidRequestError, StratumError } from '../errors/index.js';
import { resolveModel } from '../models/resolve-model.js';
import type { ModelInfo, ModelPricing, PriceTier } from '../types/model-info.js';
import type { Cost, Usage } from '../types/usage.js';

/** A price in USD per million tokens, times this, is picodollars (1e-12 USD) per token. */
const PICODOLLARS_PER_TOKEN_PER_MILLION_PRICE = 1_000_000;
const PICODOLLARS_PER_DOLLAR = 1e12;

type Prices = Omit<PriceTier, 'aboveInputTokens'>;

const USAGE_FIELDS = [
  'inputTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'outputTokens',
  'reasoningTokens',
] as const;

/**
 * The cost of a call from its usage (the convention of `types/usage.ts`) and the model's prices.
 *
 * - Uncached input = `inputTokens - cacheReadTokens - cacheWriteTokens`, at the input price.
 *   (OpenAI's `cached_tokens` are inside `prompt_tokens`; Anthropic's cache tokens are added to
 *   `input_tokens` by its provider, so both land here the same way.)
 * - Cache reads and writes at their own prices; without one, at the input price.
 * - Output at the output price. When the model prices reasoning apart, the reasoning tokens
 *   are taken out of output and billed at the reasoning price.
 * - Long-context tiers: once `inputTokens` (cache reads and writes included) is above a tier's
 *   `aboveInputTokens`, that tier's prices apply to the **whole call**, output included, as
 *   Anthropic, Google, OpenAI and xAI bill long prompts. The highest tier passed wins; a price
 *   the tier does not give stays at the base price.
 *
 * Every amount is summed in integer picodollars, so the breakdown adds up exactly to the total
 * (`toPicodollars` of each part sums to `toPicodollars(total)`).
 *
 * `model` is a model id (`anthropic/claude-sonnet-4-5`, a bare catalog id, an alias) or a
 * `ModelInfo`. Returns `undefined` when the model or its price is unknown. A local model costs a
 * real $0. Raises `InvalidRequestError` when a usage count is not a non-negative whole number.
 */
export interface CostOptions {
  /** The region that served the call: its price applies when `regionalPricing` lists it. */
  region?: string;
}

export function calculateCost(
  model: string | ModelInfo,
  usage: Usage,
  options: CostOptions = {},
): Cost | undefined {
  const info = typeof model === 'string' ? lookUp(model) : model;
  if (!info) return undefined;
  const regional =
    options.region === undefined ? undefined : info.regionalPricing?.[options.region];
  const pricing = regional ?? info.pricing;
  if (!pricing) return undefined;
  checkUsage(usage, info.id);
  const prices = pricesFor(pricing, usage.inputTokens);
  const uncachedInput = Math.max(
    0,
    usage.inputTokens - usage.cacheReadTokens - usage.cacheWriteTokens,
  );
  const reasoningTokens =
    prices.reasoning !== undefined ? Math.min(usage.reasoningTokens, usage.outputTokens) : 0;

  const amounts = [
    [uncachedInput, prices.input],
    [usage.cacheReadTokens, prices.cacheRead ?? prices.input],
    [usage.cacheWriteTokens, prices.cacheWrite ?? prices.input],
    [usage.outputTokens - reasoningTokens, prices.output],
    [reasoningTokens, prices.reasoning ?? prices.output],
  ] as const;
  const [input, cacheRead, cacheWrite, output, reasoning, total] = sumPicodollars(amounts);
  return {
    currency: 'USD',
    input: input / PICODOLLARS_PER_DOLLAR,
    cacheRead: cacheRead / PICODOLLARS_PER_DOLLAR,
    cacheWrite: cacheWrite / PICODOLLARS_PER_DOLLAR,
    output: output / PICODOLLARS_PER_DOLLAR,
    reasoning: reasoning / PICODOLLARS_PER_DOLLAR,
    total: total / PICODOLLARS_PER_DOLLAR,
    source: 'catalog',
  };
}

/**
 * Each part and the total in integer picodollars. Plain numbers are exact up to 2^53 (about
 * $9,007 per part), which covers any ordinary call; larger calls are summed with BigInt.
 */
function sumPicodollars(
  amounts: ReadonlyArray<readonly [tokens: number, pricePerMillion: number]>,
): [number, number, number, number, number, number] {
  const parts: number[] = [];
  let total = 0;
  for (const [tokens, pricePerMillion] of amounts) {
    const part = tokens * Math.round(pricePerMillion * PICODOLLARS_PER_TOKEN_PER_MILLION_PRICE);
    parts.push(part);
    total += part;
  }
  if (Number.isSafeInteger(total) && parts.every(Number.isSafeInteger)) {
    return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 0, parts[4] ?? 0, total];
  }
  const exact = amounts.map(([tokens, price]) => picodollars(tokens, price));
  const exactTotal = exact.reduce((sum, part) => sum + part, 0n);
  const [input = 0n, cacheRead = 0n, cacheWrite = 0n, output = 0n, reasoning = 0n] = exact;
  return [
    Number(input),
    Number(cacheRead),
    Number(cacheWrite),
    Number(output),
    Number(reasoning),
    Number(exactTotal),
  ];
}

/** The prices that apply to a call with this many input tokens: the highest tier passed over the base. */
export function pricesFor(pricing: ModelPricing, inputTokens: number): Prices {
  let tier: PriceTier | undefined;
  for (const candidate of pricing.tiers ?? []) {
    if (
      inputTokens > candidate.aboveInputTokens &&
      candidate.aboveInputTokens > (tier?.aboveInputTokens ?? -1)
    ) {
      tier = candidate;
    }
  }
  if (!tier) return pricing;
  return {
    input: tier.input,
    output: tier.output,
    cacheRead: tier.cacheRead ?? pricing.cacheRead,
    cacheWrite: tier.cacheWrite ?? pricing.cacheWrite,
    reasoning: tier.reasoning ?? pricing.reasoning,
  };
}

/** A dollar amount from a `Cost` as integer picodollars, for exact sums and comparisons. */
export function toPicodollars(dollars: number): bigint {
  return BigInt(Math.round(dollars * PICODOLLARS_PER_DOLLAR));
}

/** Dollars from a sum kept in integer picodollars (the inverse of `toPicodollars`). */
export function fromPicodollars(picodollars: bigint): number {
  return Number(picodollars) / PICODOLLARS_PER_DOLLAR;
}

/** A cost of exactly $0 (a local model, an answer served from a cache). */
export function zeroCost(): Cost {
  return {
    currency: 'USD',
    input: 0,
    cacheRead: 0,
    cacheWrite: 0,
    output: 0,
    reasoning: 0,
    total: 0,
    source: 'catalog',
  };
}

function lookUp(id: string): ModelInfo | undefined {
  const direct = getModel(id);
  if (direct) return direct;
  try {
    return resolveModel(id).info;
  } catch (error) {
    if (StratumError.is(error)) return undefined;
    throw error;
  }
}

function checkUsage(usage: Usage, modelId: string): void {
  for (const field of USAGE_FIELDS) {
    const value = usage[field];
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new InvalidRequestError(
        `calculateCost(${modelId}): usage.${field} must be a non-negative whole number of tokens, got ${String(value)}. Build usage with createUsage().`,
        { model: modelId },
      );
    }
  }
}

function picodollars(tokens: number, pricePerMillion: number): bigint {
  return (
    BigInt(tokens) * BigInt(Math.round(pricePerMillion * PICODOLLARS_PER_TOKEN_PER_MILLION_PRICE))
  );
}
