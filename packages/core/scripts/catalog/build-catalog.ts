import type { CatalogEntry } from '../../src/catalog/catalog-entry.js';
import type { ModelPricing } from '../../src/types/model-info.js';
import { CHAT_MODES, sourceFor } from './catalog-sources.js';
import { type LiteLLMEntry, mapEntry } from './map-litellm-entry.js';
import { renderEntryData } from './render-catalog-module.js';

export interface SkippedEntry {
  key: string;
  reason: string;
}

export interface CatalogBuild {
  /** `YYYY-MM-DD` of the source's `last_updated`. */
  priceDate: string;
  /** Sorted by id; aliases sorted. */
  entries: CatalogEntry[];
  /** Chat entries of the covered providers that were left out, and why. */
  skipped: SkippedEntry[];
}

/** One region's prices for a model, from a regional key of the price map. */
interface RegionalPrice {
  key: string;
  modelId: string;
  region: string;
  pricing: ModelPricing;
}

interface Candidate {
  key: string;
  /** The key carried one of LiteLLM's routing prefixes (`gemini/…`): LiteLLM prices calls through that key. */
  prefixed: boolean;
  entry: CatalogEntry;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Code-point order, so the output does not depend on the machine's locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A dated snapshot or `-latest` pointer, and the undated name it belongs to:
 * `claude-sonnet-4-5-20250929`, `gpt-4.1-mini-2025-04-14`, `command-r-08-2024`, `grok-2-1212`,
 * `mistral-large-2411`, `grok-3-latest`.
 */
const SNAPSHOT_SUFFIX = /-(\d{8}|\d{4}-\d{2}-\d{2}|\d{2}-\d{4}|\d{4}|latest)$/;

export function undatedName(name: string): string | undefined {
  const stripped = name.replace(SNAPSHOT_SUFFIX, '');
  return stripped !== name && stripped !== '' ? stripped : undefined;
}

/**
 * Bedrock's cross-region inference profiles (`us.anthropic.claude-…`, `global.…`) are their own
 * API ids for the same model; priced like the in-region id, they become its aliases.
 * https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html
 */
const INFERENCE_PROFILE = /^(us|us-gov|eu|apac|jp|au|global)\.(.+\..+)$/;

/** The entry name an alias candidate would fold into, if any. */
export function aliasTarget(provider: string, name: string): string | undefined {
  if (provider === 'bedrock') {
    const profile = INFERENCE_PROFILE.exec(name);
    if (profile?.[2]) return profile[2];
  }
  return undatedName(name);
}

function providerAndName(id: string): [string, string] {
  const slash = id.indexOf('/');
  return [id.slice(0, slash), id.slice(slash + 1)];
}

/** Maps every covered chat entry; drops left-out ones with a reason. */
function collectCandidates(
  source: Record<string, unknown>,
  skipped: SkippedEntry[],
  regional: RegionalPrice[],
): Candidate[] {
  const candidates: Candidate[] = [];
  for (const key of Object.keys(source).sort(compare)) {
    const raw = source[key];
    if (!isRecord(raw) || typeof raw['mode'] !== 'string' || !CHAT_MODES.has(raw['mode'])) continue;
    const provider = sourceFor(raw['litellm_provider']);
    if (!provider) continue;
    const prefix = provider.keyPrefixes.find((candidate) => key.startsWith(candidate));
    const name = prefix ? key.slice(prefix.length) : key;
    const entry: LiteLLMEntry = raw;
    const regionalKey = provider.regionalKey?.(name);
    if (regionalKey) {
      const mapped = mapEntry(`${provider.provider}/${regionalKey.model}`, entry, { local: false });
      if (mapped?.pricing) {
        regional.push({
          key,
          modelId: mapped.id,
          region: regionalKey.region,
          pricing: mapped.pricing,
        });
        continue;
      }
    }
    const reason = provider.exclude?.(name, entry);
    if (reason) {
      skipped.push({ key, reason });
      continue;
    }
    const mapped = mapEntry(`${provider.provider}/${name}`, entry, {
      local: provider.isLocal?.(name) ?? false,
    });
    if (!mapped) {
      skipped.push({ key, reason: 'no per-token price' });
      continue;
    }
    candidates.push({ key, prefixed: prefix !== undefined, entry: mapped });
  }
  return candidates;
}

/** Two LiteLLM keys for one vendor id (`deepseek-chat`, `deepseek/deepseek-chat`): the routing-prefixed key wins. */
function dedupe(candidates: Candidate[], skipped: SkippedEntry[]): Map<string, CatalogEntry> {
  const chosen = new Map<string, Candidate>();
  for (const candidate of candidates) {
    const current = chosen.get(candidate.entry.id);
    if (!current) {
      chosen.set(candidate.entry.id, candidate);
      continue;
    }
    const keep = candidate.prefixed && !current.prefixed ? candidate : current;
    const drop = keep === candidate ? current : candidate;
    chosen.set(candidate.entry.id, keep);
    skipped.push({ key: drop.key, reason: `same vendor id as ${keep.key}` });
  }
  return new Map([...chosen].map(([id, candidate]) => [id, candidate.entry]));
}

/**
 * Folds a dated snapshot (or `-latest` pointer, or a Bedrock inference profile) into its base
 * entry when the two carry the same data, listing it as an alias; ids priced or sized
 * differently stay separate.
 */
function foldAliases(byId: Map<string, CatalogEntry>): void {
  const folds: Array<[alias: CatalogEntry, target: CatalogEntry]> = [];
  for (const entry of byId.values()) {
    const [provider, name] = providerAndName(entry.id);
    const base = aliasTarget(provider, name);
    const target = base === undefined ? undefined : byId.get(`${provider}/${base}`);
    if (target && renderEntryData(target) === renderEntryData(entry)) folds.push([entry, target]);
  }
  const folded = new Set(folds.map(([alias]) => alias.id));
  for (const [alias, target] of folds) {
    // A target that is itself folded would leave a chain; keep such entries apart.
    if (folded.has(target.id)) continue;
    target.aliases = [...(target.aliases ?? []), providerAndName(alias.id)[1]].sort(compare);
    byId.delete(alias.id);
  }
}

/**
 * Gives each model the prices of the regions that bill it differently; a regional list equal
 * to the model's own price, or for a model the catalog lacks, adds nothing.
 */
function attachRegionalPrices(
  byId: Map<string, CatalogEntry>,
  regional: readonly RegionalPrice[],
  skipped: SkippedEntry[],
): void {
  const rendered = (pricing: ModelPricing): string => JSON.stringify(pricing);
  const byAlias = new Map<string, CatalogEntry>();
  for (const entry of byId.values()) {
    const [provider] = providerAndName(entry.id);
    for (const alias of entry.aliases ?? []) byAlias.set(`${provider}/${alias}`, entry);
  }
  for (const price of regional) {
    const entry = byId.get(price.modelId) ?? byAlias.get(price.modelId);
    if (!entry?.pricing) {
      skipped.push({ key: price.key, reason: 'regional price of a model not in the catalog' });
      continue;
    }
    if (rendered(entry.pricing) === rendered(price.pricing)) continue;
    entry.regions = { ...entry.regions, [price.region]: price.pricing };
  }
  for (const entry of byId.values()) {
    if (!entry.regions) continue;
    entry.regions = Object.fromEntries(
      Object.entries(entry.regions).sort(([a], [b]) => compare(a, b)),
    );
  }
}

/** LiteLLM's price map → the sorted catalog entries. Pure: the same input gives the same output. */
export function buildCatalog(source: unknown): CatalogBuild {
  if (!isRecord(source)) throw new Error('The price map must be a JSON object keyed by model id.');
  const updated = source['last_updated'];
  if (typeof updated !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(updated)) {
    throw new Error(
      'The price map has no `last_updated` date (YYYY-MM-DD…); cannot date the prices.',
    );
  }
  const skipped: SkippedEntry[] = [];
  const regional: RegionalPrice[] = [];
  const byId = dedupe(collectCandidates(source, skipped, regional), skipped);
  foldAliases(byId);
  attachRegionalPrices(byId, regional, skipped);
  const entries = [...byId.values()].sort((a, b) => compare(a.id, b.id));
  skipped.sort((a, b) => compare(a.key, b.key));
  return { priceDate: updated.slice(0, 10), entries, skipped };
}

export function countByProvider(entries: readonly CatalogEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of entries) {
    const [provider] = providerAndName(entry.id);
    counts[provider] = (counts[provider] ?? 0) + 1;
  }
  return counts;
}
