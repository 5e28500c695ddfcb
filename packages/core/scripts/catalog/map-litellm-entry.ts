import type { CapabilityFlag, CatalogEntry } from '../../src/catalog/catalog-entry.js';
import type { ModelPricing, PriceTier } from '../../src/types/model-info.js';

export type LiteLLMEntry = Readonly<Record<string, unknown>>;

/** Prices are kept to the picodollar per token (1e-6 USD per million), the unit `calculateCost` sums in. */
const PICODOLLARS_PER_DOLLAR = 1e12;
const PICODOLLARS_PER_MILLION_PRICE = 1e6;

function numberField(entry: LiteLLMEntry, key: string): number | undefined {
  const value = entry[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * USD per token → USD per million tokens. The conversion goes through integer picodollars so
 * `3e-6` becomes `3`, not `3.0000000000000004`; a price finer than a picodollar per token
 * would be rounded by `calculateCost`, so it stops the generator instead.
 */
export function toPricePerMillion(pricePerToken: number, where: string): number {
  if (pricePerToken < 0) throw new Error(`${where}: negative price ${pricePerToken}`);
  const exact = pricePerToken * PICODOLLARS_PER_DOLLAR;
  const picodollars = Math.round(exact);
  if (Math.abs(exact - picodollars) > 1e-6 * Math.max(1, picodollars)) {
    throw new Error(
      `${where}: ${pricePerToken} USD per token is finer than a picodollar and would not convert cleanly`,
    );
  }
  return picodollars / PICODOLLARS_PER_MILLION_PRICE;
}

type PriceFields = Omit<PriceTier, 'aboveInputTokens'>;

/** LiteLLM field → our price field, for the base prices and for each `_above_<N>k_tokens` tier. */
const PRICE_FIELDS: ReadonlyArray<readonly [string, keyof PriceFields]> = [
  ['input_cost_per_token', 'input'],
  ['output_cost_per_token', 'output'],
  ['cache_read_input_token_cost', 'cacheRead'],
  ['cache_creation_input_token_cost', 'cacheWrite'],
  ['output_cost_per_reasoning_token', 'reasoning'],
];

const TIER_KEY = new RegExp(
  `^(${PRICE_FIELDS.map(([field]) => field).join('|')})_above_(\\d+)k_tokens$`,
);

/**
 * Builds the price fields in a fixed order (the generated file and the alias comparison rely
 * on it). Reasoning is kept only when it differs from output: otherwise it simply bills as
 * output. A zero cache-write price means "no write charge" in LiteLLM's data, so it is dropped
 * and writes bill as input, the vendors' rule when no write price exists.
 */
function priceFields(
  read: (field: string) => number | undefined,
  fallback: PriceFields | undefined,
  where: string,
): PriceFields | undefined {
  const converted: Partial<Record<keyof PriceFields, number>> = {};
  for (const [field, key] of PRICE_FIELDS) {
    const value = read(field);
    if (value !== undefined) converted[key] = toPricePerMillion(value, `${where} ${field}`);
  }
  const input = converted.input ?? fallback?.input;
  const output = converted.output ?? fallback?.output;
  if (input === undefined || output === undefined) return undefined;
  const prices: PriceFields = { input, output };
  if (converted.cacheRead !== undefined) prices.cacheRead = converted.cacheRead;
  if (converted.cacheWrite !== undefined && !(converted.cacheWrite === 0 && input > 0)) {
    prices.cacheWrite = converted.cacheWrite;
  }
  if (converted.reasoning !== undefined && converted.reasoning !== output) {
    prices.reasoning = converted.reasoning;
  }
  return prices;
}

/** Base prices plus one tier per `_above_<N>k_tokens` threshold; `undefined` when not priced per token. */
export function mapPricing(entry: LiteLLMEntry, where: string): ModelPricing | undefined {
  const base = priceFields((field) => numberField(entry, field), undefined, where);
  if (!base) return undefined;
  const thresholds = new Set<number>();
  for (const key of Object.keys(entry)) {
    const match = TIER_KEY.exec(key);
    if (match?.[2] && numberField(entry, key) !== undefined) thresholds.add(Number(match[2]));
  }
  const tiers: PriceTier[] = [];
  for (const thousands of [...thresholds].sort((a, b) => a - b)) {
    const suffix = `_above_${thousands}k_tokens`;
    const prices = priceFields(
      (field) => numberField(entry, field + suffix),
      base,
      `${where}${suffix}`,
    );
    if (prices) tiers.push({ aboveInputTokens: thousands * 1000, ...prices });
  }
  return tiers.length > 0 ? { ...base, tiers } : base;
}

/** LiteLLM `supports_*` flag → our capability flag. LiteLLM has no JSON-mode flag: a model that takes a schema takes plain JSON too. */
const CAPABILITY_SOURCES: ReadonlyArray<readonly [string, CapabilityFlag]> = [
  ['supports_function_calling', 'tools'],
  ['supports_vision', 'vision'],
  ['supports_response_schema', 'json'],
  ['supports_response_schema', 'schema'],
  ['supports_reasoning', 'reasoning'],
  ['supports_prompt_caching', 'cache'],
  ['supports_pdf_input', 'pdf'],
];

export function mapCapabilities(entry: LiteLLMEntry): string {
  return CAPABILITY_SOURCES.filter(([field]) => entry[field] === true)
    .map(([, flag]) => flag)
    .join(' ');
}

function positiveInteger(entry: LiteLLMEntry, key: string): number | undefined {
  const value = numberField(entry, key);
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : undefined;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One LiteLLM entry as a catalog entry (no aliases yet). */
export function mapEntry(
  id: string,
  entry: LiteLLMEntry,
  options: { local: boolean },
): CatalogEntry | undefined {
  const pricing = options.local ? { input: 0, output: 0 } : mapPricing(entry, id);
  if (!pricing) return undefined;
  const mapped: CatalogEntry = { id, caps: mapCapabilities(entry) };
  const context = positiveInteger(entry, 'max_input_tokens');
  if (context !== undefined) mapped.context = context;
  const maxOutput = positiveInteger(entry, 'max_output_tokens');
  if (maxOutput !== undefined) mapped.maxOutput = maxOutput;
  mapped.pricing = pricing;
  if (options.local) mapped.local = true;
  const deprecated = entry['deprecation_date'];
  if (typeof deprecated === 'string' && ISO_DATE.test(deprecated)) mapped.deprecated = deprecated;
  if (entry['mode'] === 'responses') mapped.api = 'responses';
  return mapped;
}
