import { ConfigurationError } from '../errors/error-classes.js';
import type { ModelCapabilities, ModelInfo, ModelPricing, PriceTier } from '../types/model-info.js';
import { NO_CAPABILITIES } from './catalog-entry.js';
import { getModel, setRegistered } from './model-registry.js';

export interface RegisterModelInput {
  /** `provider/model`, e.g. `openai/ft:gpt-4o-mini:acme::abc123` or `vllm/llama-3.1-8b`. */
  id: string;
  /**
   * US dollars per million tokens. Replaces the catalog's pricing as a whole (cache prices you
   * leave out bill at the input price). Omit it to keep the catalog's; a `local` model without
   * pricing costs a real $0.
   */
  pricing?: ModelPricing;
  capabilities?: Partial<ModelCapabilities>;
  contextWindow?: number;
  maxOutputTokens?: number;
  /** Other ids the model answers to (bare, e.g. `house-llama`). */
  aliases?: string[];
  /** Runs on your own hardware. */
  local?: boolean;
  /** The vendor's name for the model, when it differs from the part after `provider/`. */
  name?: string;
  deprecationDate?: string;
  /** `responses`: only OpenAI's Responses API serves the model. Omit it to keep the catalog's. */
  api?: 'responses';
}

const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*\/\S+$/i;
const EXAMPLE =
  "registerModel({ id: 'openai/my-finetune', pricing: { input: 3, output: 12 } }) (prices in USD per million tokens)";
const PRICE_FIELDS = ['input', 'output', 'cacheRead', 'cacheWrite', 'reasoning'] as const;
/** `calculateCost` sums in picodollars per token: a price per million finer than 1e-6 USD cannot be billed exactly. */
const PRICE_STEP = 1e6;

function fail(id: unknown, problem: string): never {
  const where = typeof id === 'string' ? `registerModel("${id}")` : 'registerModel';
  throw new ConfigurationError(`${where}: ${problem}`);
}

function checkPrice(id: string, field: string, value: unknown, required: boolean): void {
  if (value === undefined) {
    if (required) fail(id, `pricing.${field} is required. Example: ${EXAMPLE}.`);
    return;
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    fail(
      id,
      `pricing.${field} must be a non-negative number of US dollars per million tokens, got ${String(value)}.`,
    );
  }
  const steps = value * PRICE_STEP;
  if (Math.abs(steps - Math.round(steps)) > 1e-6 * Math.max(1, steps)) {
    fail(
      id,
      `pricing.${field} = ${value} is finer than 0.000001 USD per million tokens (a picodollar per token); round it.`,
    );
  }
}

function checkPrices(id: string, prices: Partial<Omit<PriceTier, 'aboveInputTokens'>>, at: string) {
  for (const field of PRICE_FIELDS) {
    checkPrice(id, `${at}${field}`, prices[field], field === 'input' || field === 'output');
  }
}

function checkPositiveInteger(id: string, field: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    fail(id, `${field} must be a positive whole number of tokens, got ${String(value)}.`);
  }
}

function validate(input: RegisterModelInput): void {
  if (typeof input !== 'object' || input === null)
    fail(undefined, `expects an object. Example: ${EXAMPLE}.`);
  if (typeof input.id !== 'string' || !ID_PATTERN.test(input.id)) {
    fail(
      input.id,
      `the id must have the form "provider/model" (the provider is the name your provider package registers, e.g. "openai"). Example: ${EXAMPLE}.`,
    );
  }
  const { id } = input;
  if (input.pricing !== undefined) {
    if (typeof input.pricing !== 'object' || input.pricing === null) {
      fail(id, `pricing must be an object such as { input: 3, output: 12 }.`);
    }
    checkPrices(id, input.pricing, '');
    input.pricing.tiers?.forEach((tier, index) => {
      checkPositiveInteger(id, `pricing.tiers[${index}].aboveInputTokens`, tier.aboveInputTokens);
      checkPrices(id, tier, `tiers[${index}].`);
    });
  }
  for (const [key, value] of Object.entries(input.capabilities ?? {})) {
    if (!Object.hasOwn(NO_CAPABILITIES, key)) {
      fail(id, `unknown capability "${key}". Known: ${Object.keys(NO_CAPABILITIES).join(', ')}.`);
    }
    if (typeof value !== 'boolean') fail(id, `capabilities.${key} must be true or false.`);
  }
  checkPositiveInteger(id, 'contextWindow', input.contextWindow);
  checkPositiveInteger(id, 'maxOutputTokens', input.maxOutputTokens);
  if (input.aliases?.some((alias) => typeof alias !== 'string' || alias.trim() === '')) {
    fail(id, 'aliases must be non-empty strings.');
  }
  if (input.name !== undefined && (typeof input.name !== 'string' || input.name.trim() === '')) {
    fail(id, 'name must be a non-empty string: the id the vendor API takes.');
  }
}

/**
 * Adds a model, or overrides a catalog entry, at runtime: negotiated prices, self-hosted and
 * fine-tuned models, models newer than the catalog. Fields left out keep the catalog entry's
 * values. Returns the stored entry. Bad input raises a `ConfigurationError` saying what to fix.
 */
export function registerModel(input: RegisterModelInput): ModelInfo {
  validate(input);
  const slash = input.id.indexOf('/');
  // Found through an alias, the catalog entry lends its data but not its id or aliases.
  const inherited = getModel(input.id);
  const sameId = inherited?.id === input.id ? inherited : undefined;
  const pricing =
    input.pricing ?? inherited?.pricing ?? (input.local ? { input: 0, output: 0 } : undefined);
  const model: ModelInfo = {
    id: input.id,
    provider: input.id.slice(0, slash),
    name: input.name ?? input.id.slice(slash + 1),
    capabilities: { ...NO_CAPABILITIES, ...inherited?.capabilities, ...input.capabilities },
    source: 'registered',
  };
  const aliases = input.aliases ?? sameId?.aliases;
  if (aliases) model.aliases = [...aliases];
  const contextWindow = input.contextWindow ?? inherited?.contextWindow;
  if (contextWindow !== undefined) model.contextWindow = contextWindow;
  const maxOutputTokens = input.maxOutputTokens ?? inherited?.maxOutputTokens;
  if (maxOutputTokens !== undefined) model.maxOutputTokens = maxOutputTokens;
  if (pricing) model.pricing = pricing;
  const local = input.local ?? inherited?.local;
  if (local) model.local = true;
  const deprecationDate = input.deprecationDate ?? inherited?.deprecationDate;
  if (deprecationDate) model.deprecationDate = deprecationDate;
  const api = input.api ?? inherited?.api;
  if (api) model.api = api;
  setRegistered(model);
  return model;
}
