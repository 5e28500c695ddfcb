import type { ModelCapabilities, ModelFilter, ModelInfo } from '../types/model-info.js';
import { catalogEntries } from './catalog-data.js';
import { NO_CAPABILITIES, toModelInfo } from './catalog-entry.js';

/**
 * The models Stratum knows: the generated catalog plus runtime registrations, which win over
 * catalog entries of the same id. Indexes are built on first use and rebuilt after a change.
 */
const registered = new Map<string, ModelInfo>();

interface Indexes {
  /** Canonical id → model, registrations over the catalog, in catalog order then registration order. */
  byId: Map<string, ModelInfo>;
  /** `provider/alias` → model. */
  byProviderAlias: Map<string, ModelInfo>;
  /** Vendor name or alias (bare) → every model answering to it. */
  byName: Map<string, ModelInfo[]>;
  providers: Set<string>;
}

let catalogModels: ModelInfo[] | undefined;
let indexes: Indexes | undefined;

function catalog(): ModelInfo[] {
  catalogModels ??= catalogEntries().map(toModelInfo);
  return catalogModels;
}

function buildIndexes(): Indexes {
  const byId = new Map<string, ModelInfo>();
  for (const model of catalog()) byId.set(model.id, model);
  for (const [id, model] of registered) byId.set(id, model);
  const byProviderAlias = new Map<string, ModelInfo>();
  const byName = new Map<string, ModelInfo[]>();
  const providers = new Set<string>();
  const addName = (name: string, model: ModelInfo) => {
    const list = byName.get(name);
    if (!list) byName.set(name, [model]);
    else if (!list.includes(model)) list.push(model);
  };
  for (const model of byId.values()) {
    providers.add(model.provider);
    addName(model.name, model);
    for (const alias of model.aliases ?? []) {
      const key = `${model.provider}/${alias}`;
      // A registered entry's own id beats another entry's alias.
      if (!byId.has(key) && !byProviderAlias.has(key)) byProviderAlias.set(key, model);
      addName(alias, model);
    }
  }
  return { byId, byProviderAlias, byName, providers };
}

function current(): Indexes {
  indexes ??= buildIndexes();
  return indexes;
}

/** Drops the indexes after a registration changes; the next lookup rebuilds them. */
export function invalidateRegistry(): void {
  indexes = undefined;
  version += 1;
}

let version = 0;

/** Changes whenever a registration does: clients key their resolution caches on it. */
export function registryVersion(): number {
  return version;
}

export function setRegistered(model: ModelInfo): void {
  registered.set(model.id, model);
  invalidateRegistry();
}

/**
 * A model by canonical id (`openai/gpt-4.1-mini`) or by `provider/alias`
 * (`anthropic/claude-sonnet-4-5-20250929`); `undefined` when unknown. Bare names
 * (`gpt-4.1-mini`) are resolved by `resolveModel`, which knows which provider serves them.
 */
export function getModel(id: string): ModelInfo | undefined {
  const { byId, byProviderAlias } = current();
  return byId.get(id) ?? byProviderAlias.get(id);
}

/** Every model whose vendor name or alias is `name`, across providers, in catalog order. */
export function findModelsByName(name: string): ModelInfo[] {
  return current().byName.get(name) ?? [];
}

/** Providers with at least one known model. */
export function knownProviders(): ReadonlySet<string> {
  return current().providers;
}

/**
 * Known models, sorted by id, filtered by provider, capabilities (every given flag must match)
 * and `priced` (only models with a known price).
 */
export function listModels(filter: ModelFilter = {}): ModelInfo[] {
  const wanted = Object.entries(filter.capabilities ?? {}).filter(
    ([, value]) => value !== undefined,
  );
  const models: ModelInfo[] = [];
  for (const model of current().byId.values()) {
    if (filter.provider !== undefined && model.provider !== filter.provider) continue;
    if (filter.priced && !model.pricing) continue;
    if (filter.priced === false && model.pricing) continue;
    if (wanted.some(([key, value]) => capability(model, key) !== value)) continue;
    models.push(model);
  }
  return models.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function capability(model: ModelInfo, key: string): boolean | undefined {
  return isCapability(key) ? model.capabilities[key] : undefined;
}

function isCapability(key: string): key is keyof ModelCapabilities {
  return Object.hasOwn(NO_CAPABILITIES, key);
}

/** Removes a runtime registration (the catalog entry of that id, if any, shows again). */
export function unregisterModel(id: string): boolean {
  const removed = registered.delete(id);
  if (removed) invalidateRegistry();
  return removed;
}
