import {
  findModelsByName,
  getModel,
  knownProviders,
  listModels,
} from '../catalog/model-registry.js';
import type { ResolvedModel } from '../client/middleware.js';
import { ConfigurationError, ModelNotFoundError } from '../errors/error-classes.js';
import type { ModelInfo } from '../types/model-info.js';
import type { Provider } from '../types/provider.js';
import { lazyRequire, loadOnFirstUse } from '../utils/lazy-require.js';
import { HOSTING_PROVIDERS, KNOWN_PROVIDERS, providerFromPrefix } from './vendor-prefixes.js';

export interface ResolveModelOptions {
  /** Registered providers by name; a `name/` prefix naming one of them selects it. */
  providers?: ReadonlyMap<string, Provider>;
  /** Caller-defined aliases (`{ fast: 'openai/gpt-4.1-mini' }`), resolved first. */
  aliases?: Record<string, string>;
}

/**
 * Resolves a model id to its provider and the vendor's own model name.
 *
 * 1. A caller alias is replaced by its target.
 * 2. `provider/rest`, when `provider` is registered, in the catalog or shipped by Stratum: `rest`
 *    is the vendor's name as-is (`openrouter/meta-llama/llama-3.3-70b-instruct`). Models the
 *    catalog lacks resolve too, with `info: undefined` (their price is unknown).
 * 3. A bare id (or a catalog alias) the catalog knows. When several providers serve it, the
 *    **first-party rule** applies: the company that makes the model, named by its prefix
 *    (`gpt-`/`o3` → openai, `claude-` → anthropic, …), wins over clouds and resellers (Azure,
 *    OpenRouter, Bedrock, Groq, Ollama), which need an explicit prefix. Otherwise the one
 *    provider that is not such a host wins; failing that the id is ambiguous.
 * 4. A fine-tune id (`ft:gpt-4o-mini-2024-07-18:acme::abc`) goes to its base model's maker, priced
 *    as the catalog's fine-tune entry of that base model when there is one.
 * 5. A client with a single provider the catalog does not know (a custom endpoint) takes any bare id.
 *
 * The returned `id` is `provider/name-as-asked`; `info` is the catalog entry (whose own `id` is
 * the canonical one when the model was found through an alias). Unknown and ambiguous ids raise
 * `ModelNotFoundError` naming the closest known ids.
 */
export function resolveModel(id: string, options: ResolveModelOptions = {}): ResolvedModel {
  const trimmed = typeof id === 'string' ? id.trim() : '';
  if (trimmed === '') {
    throw new ConfigurationError(
      'The request has no model. Set model to an id such as "openai/gpt-4.1-mini".',
    );
  }
  const aliased = options.aliases?.[trimmed];
  if (aliased !== undefined) return resolveModel(aliased, { ...options, aliases: undefined });

  const slash = trimmed.indexOf('/');
  const prefix = slash > 0 ? trimmed.slice(0, slash) : undefined;
  if (prefix !== undefined && isProvider(prefix, options)) {
    return described(prefix, trimmed.slice(slash + 1), options);
  }

  const candidates = findModelsByName(trimmed);
  if (candidates.length > 0) {
    const provider = firstPartyProvider(trimmed, candidates);
    if (provider) return described(provider, trimmed, options);
    const choices = candidates.map((model) => `${model.provider}/${trimmed}`);
    throw new ModelNotFoundError(
      `Model "${trimmed}" is ambiguous: ${choices.join(', ')} all serve it. Prefix the provider, e.g. "${choices[0]}".`,
      { suggestions: choices },
    );
  }

  if (trimmed.startsWith('ft:')) {
    const maker = providerFromPrefix(trimmed);
    if (maker) return described(maker, trimmed, options);
  }

  const custom = options.providers?.size === 1 ? [...options.providers.keys()][0] : undefined;
  if (custom !== undefined && prefix === undefined && !isCatalogProvider(custom)) {
    return described(custom, trimmed, options);
  }
  throw notFound(trimmed, prefix, options);
}

function isCatalogProvider(provider: string): boolean {
  return KNOWN_PROVIDERS.has(provider) || knownProviders().has(provider);
}

function isProvider(provider: string, options: ResolveModelOptions): boolean {
  return options.providers?.has(provider) === true || isCatalogProvider(provider);
}

/** The provider a bare id shared by several providers belongs to, or `undefined` when ambiguous. */
export function firstPartyProvider(
  name: string,
  candidates: readonly ModelInfo[],
): string | undefined {
  const providers = [...new Set(candidates.map((model) => model.provider))];
  if (providers.length === 1) return providers[0];
  const maker = providerFromPrefix(name);
  if (maker !== undefined && providers.includes(maker)) return maker;
  const firstParty = providers.filter((provider) => !HOSTING_PROVIDERS.has(provider));
  return firstParty.length === 1 ? firstParty[0] : undefined;
}

function described(provider: string, name: string, options: ResolveModelOptions): ResolvedModel {
  const id = `${provider}/${name}`;
  const info =
    getModel(id) ??
    fineTuneBase(provider, name) ??
    options.providers?.get(provider)?.resolveModelInfo?.(name);
  // A registered model may send the vendor another name than its id's (an Azure deployment).
  return { id, provider, name: info?.id === id ? info.name : name, info };
}

/** `ft:gpt-4o-2024-08-06:acme::abc123` is priced as the catalog's `ft:gpt-4o-2024-08-06`. */
function fineTuneBase(provider: string, name: string): ModelInfo | undefined {
  if (!name.startsWith('ft:')) return undefined;
  const base = name.split(':')[1];
  return base ? getModel(`${provider}/ft:${base}`) : undefined;
}

function notFound(
  wanted: string,
  prefix: string | undefined,
  options: ResolveModelOptions,
): ModelNotFoundError {
  const suggestions = nearestIds(wanted);
  const parts = [`Unknown model "${wanted}".`];
  if (suggestions.length > 0)
    parts.push(`Did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?`);
  const maker = providerFromPrefix(wanted);
  if (prefix !== undefined) {
    const registered = [...(options.providers?.keys() ?? [])].join(', ') || 'none';
    parts.push(
      `"${prefix}" is not a provider of this client (registered: ${registered}); for a custom endpoint, register a provider named "${prefix}".`,
    );
  } else if (maker !== undefined) {
    parts.push(`For a model newer than the catalog, write "${maker}/${wanted}".`);
  } else {
    parts.push(
      'Write "provider/model" for models the catalog does not list, or add one with registerModel().',
    );
  }
  return new ModelNotFoundError(parts.join(' '), { suggestions });
}

/** Suggestions are only made for a model id that fails to resolve: loaded by the first one. */
const loadLevenshtein = loadOnFirstUse((): typeof import('fastest-levenshtein') =>
  lazyRequire('fastest-levenshtein'),
);

/**
 * Up to `limit` known model ids closest to `wanted`, by edit distance to the id, the vendor
 * name or the name's last segment (`openai/gpt-oss-120b` → `gpt-oss-120b`). A name several
 * providers serve counts for its first-party provider only, when it has one.
 */
export function nearestIds(wanted: string, limit = 3): string[] {
  const { distance } = loadLevenshtein();
  const maxDistance = Math.max(2, Math.floor(wanted.length * 0.4));
  const scores = new Map<string, number>();
  const score = (id: string, value: number) => {
    if (value <= maxDistance && value < (scores.get(id) ?? Number.POSITIVE_INFINITY)) {
      scores.set(id, value);
    }
  };
  for (const model of listModels()) {
    score(model.id, distance(wanted, model.id));
    const owner = firstPartyProvider(model.name, findModelsByName(model.name));
    if (owner === undefined || owner === model.provider) {
      score(model.id, distance(wanted, model.name));
      const segment = model.name.slice(model.name.lastIndexOf('/') + 1);
      // Hosts' copies of a model the catalog has first-hand are not worth a suggestion.
      if (segment !== model.name && findModelsByName(segment).length === 0) {
        score(model.id, distance(wanted, segment));
      }
    }
  }
  return [...scores]
    .sort(([idA, a], [idB, b]) => a - b || (idA < idB ? -1 : idA > idB ? 1 : 0))
    .slice(0, limit)
    .map(([id]) => id);
}
