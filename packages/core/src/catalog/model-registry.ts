import { ConfigurationError } from '../errors/error-classes.js';
import type {
  ModelCapabilities,
  ModelFilter,
  ModelInfo,
  ModelPricing,
} from '../types/model-info.js';
import { CATALOG_MODELS } from './catalog-data.js';

const NO_CAPABILITIES: ModelCapabilities = {
  tools: false,
  vision: false,
  jsonOutput: false,
  structuredOutput: false,
  reasoning: false,
  promptCaching: false,
  pdfInput: false,
};

/** Entries added at runtime, by canonical id; they win over the generated catalog. */
const registered = new Map<string, ModelInfo>();
let catalogById: Map<string, ModelInfo> | undefined;
let aliasIndex: Map<string, string> | undefined;

function catalog(): Map<string, ModelInfo> {
  if (!catalogById) {
    catalogById = new Map();
    for (const model of CATALOG_MODELS) catalogById.set(model.id, { ...model, source: 'catalog' });
  }
  return catalogById;
}

function aliases(): Map<string, string> {
  if (!aliasIndex) {
    aliasIndex = new Map();
    for (const model of allModels())
      for (const alias of model.aliases ?? []) aliasIndex.set(alias, model.id);
  }
  return aliasIndex;
}

function allModels(): ModelInfo[] {
  const merged = new Map(catalog());
  for (const [id, model] of registered) merged.set(id, model);
  return [...merged.values()];
}

/** A model by canonical id (`openai/gpt-4.1-mini`) or alias; `undefined` when unknown. */
export function getModel(id: string): ModelInfo | undefined {
  const direct = registered.get(id) ?? catalog().get(id);
  if (direct) return direct;
  const target = aliases().get(id);
  return target ? (registered.get(target) ?? catalog().get(target)) : undefined;
}

/** Every known model, filtered by provider, capabilities and whether a price is known. */
export function listModels(filter: ModelFilter = {}): ModelInfo[] {
  return allModels().filter((model) => {
    if (filter.provider && model.provider !== filter.provider) return false;
    if (filter.priced && !model.pricing) return false;
    for (const [key, wanted] of Object.entries(filter.capabilities ?? {})) {
      if (wanted !== undefined && model.capabilities[key as keyof ModelCapabilities] !== wanted)
        return false;
    }
    return true;
  });
}

/** Models whose vendor name is `name`, across providers. */
export function findModelsByName(name: string): ModelInfo[] {
  return allModels().filter((model) => model.name === name || model.aliases?.includes(name));
}

export interface RegisterModelInput {
  /** `provider/model`. */
  id: string;
  pricing?: ModelPricing;
  capabilities?: Partial<ModelCapabilities>;
  contextWindow?: number;
  maxOutputTokens?: number;
  aliases?: string[];
  local?: boolean;
  /** The vendor's name for the model, when it differs from the part after `provider/`. */
  name?: string;
}

/**
 * Adds a model or overrides a catalog entry at runtime: negotiated prices, self-hosted models,
 * models newer than the catalog. Fields not given keep the catalog's values.
 */
export function registerModel(input: RegisterModelInput): ModelInfo {
  const slash = input.id.indexOf('/');
  if (slash <= 0 || slash === input.id.length - 1) {
    throw new ConfigurationError(
      `registerModel needs an id of the form "provider/model", got "${input.id}". Example: registerModel({ id: 'openai/my-finetune', pricing: { input: 3, output: 12 } }).`,
    );
  }
  for (const [field, value] of Object.entries(input.pricing ?? {})) {
    if (typeof value === 'number' && (!Number.isFinite(value) || value < 0)) {
      throw new ConfigurationError(
        `registerModel(${input.id}): pricing.${field} must be a non-negative number of US dollars per million tokens, got ${value}.`,
      );
    }
  }
  const base = getModel(input.id);
  const model: ModelInfo = {
    id: input.id,
    provider: input.id.slice(0, slash),
    name: input.name ?? base?.name ?? input.id.slice(slash + 1),
    aliases: input.aliases ?? base?.aliases,
    contextWindow: input.contextWindow ?? base?.contextWindow,
    maxOutputTokens: input.maxOutputTokens ?? base?.maxOutputTokens,
    pricing: input.pricing ?? base?.pricing,
    capabilities: { ...NO_CAPABILITIES, ...base?.capabilities, ...input.capabilities },
    local: input.local ?? base?.local,
    source: 'registered',
  };
  registered.set(model.id, model);
  aliasIndex = undefined;
  return model;
}

/** Removes a runtime registration (the catalog entry, if any, shows again). */
export function unregisterModel(id: string): boolean {
  aliasIndex = undefined;
  return registered.delete(id);
}
