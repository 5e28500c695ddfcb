import { closest, distance } from 'fastest-levenshtein';
import { findModelsByName, getModel, listModels } from '../catalog/model-registry.js';
import type { ResolvedModel } from '../client/middleware.js';
import { ConfigurationError, ModelNotFoundError } from '../errors/error-classes.js';
import type { ModelInfo } from '../types/model-info.js';
import type { Provider } from '../types/provider.js';
import { providerFromPrefix } from './vendor-prefixes.js';

export interface ResolveModelOptions {
  /** Registered providers by name; a `name/` prefix naming one of them selects it. */
  providers?: ReadonlyMap<string, Provider>;
  /** Caller-defined aliases, resolved first. */
  aliases?: Record<string, string>;
}

/**
 * Resolves `provider/model`, a bare catalog id, a catalog alias or a caller alias.
 *
 * - `provider/rest`: when `provider` is a registered provider or a catalog provider, `rest` is
 *   the vendor's model name as-is (`openrouter/meta-llama/llama-3.3-70b-instruct`).
 * - A bare id: the vendor prefix (`claude-` → anthropic) or, failing that, the catalog entry
 *   with that name; two providers serving it is ambiguous.
 * Unknown and ambiguous ids raise `ModelNotFoundError` naming the closest known ids.
 */
export function resolveModel(id: string, options: ResolveModelOptions = {}): ResolvedModel {
  const trimmed = id.trim();
  if (trimmed === '') {
    throw new ConfigurationError(
      'The request has no model. Set model to an id such as "openai/gpt-4.1-mini".',
    );
  }
  const aliased = options.aliases?.[trimmed];
  if (aliased !== undefined) return resolveModel(aliased, { ...options, aliases: undefined });

  const slash = trimmed.indexOf('/');
  if (slash > 0) {
    const provider = trimmed.slice(0, slash);
    if (options.providers?.has(provider) || isCatalogProvider(provider)) {
      const name = trimmed.slice(slash + 1);
      return described(provider, name, options);
    }
  }

  const catalogEntry = getModel(trimmed);
  if (catalogEntry) return fromInfo(catalogEntry);

  const prefixed = providerFromPrefix(trimmed);
  if (prefixed) return described(prefixed, trimmed, options);

  const candidates = findModelsByName(trimmed);
  const providers = new Set(candidates.map((model) => model.provider));
  if (providers.size === 1 && candidates[0]) return fromInfo(candidates[0]);
  if (providers.size > 1) {
    const choices = candidates.map((model) => model.id);
    throw new ModelNotFoundError(
      `Model "${trimmed}" is ambiguous: ${choices.slice(0, 6).join(', ')} all serve it. Prefix the provider, e.g. "${choices[0]}".`,
      { suggestions: choices },
    );
  }
  // A provider registered under a name the catalog does not know (a custom endpoint) takes bare ids when it is the only one.
  if (options.providers?.size === 1 && slash < 0) {
    const only = [...options.providers.keys()][0] ?? '';
    return described(only, trimmed, options);
  }
  const suggestions = nearestIds(trimmed);
  throw new ModelNotFoundError(
    `Unknown model "${trimmed}". ${suggestions.length ? `Did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}? ` : ''}Use "provider/model" for models the catalog does not list, or registerModel() to add one.`,
    { suggestions },
  );
}

function described(provider: string, name: string, options: ResolveModelOptions): ResolvedModel {
  const id = `${provider}/${name}`;
  const info = getModel(id) ?? options.providers?.get(provider)?.resolveModelInfo?.(name);
  return { id, provider, name: info?.name ?? name, info };
}

function fromInfo(info: ModelInfo): ResolvedModel {
  return { id: info.id, provider: info.provider, name: info.name, info };
}

let catalogProviders: Set<string> | undefined;
function isCatalogProvider(provider: string): boolean {
  catalogProviders ??= new Set(listModels().map((model) => model.provider));
  return catalogProviders.has(provider) || KNOWN_PROVIDERS.has(provider);
}

/** Providers Stratum ships packages for, known even before their models are in the catalog. */
const KNOWN_PROVIDERS = new Set([
  'openai',
  'anthropic',
  'google',
  'deepseek',
  'groq',
  'xai',
  'openrouter',
  'ollama',
  'azure',
  'mistral',
  'cohere',
  'bedrock',
]);

/** Up to three catalog ids closest to what was asked for. */
export function nearestIds(wanted: string, limit = 3): string[] {
  const ids = listModels().flatMap((model) => [model.id, model.name]);
  if (ids.length === 0) return [];
  const scored = [...new Set(ids)].map((candidate) => ({
    candidate,
    score: distance(wanted, candidate),
  }));
  scored.sort((a, b) => a.score - b.score);
  const best = scored
    .slice(0, limit)
    .map(({ candidate }) =>
      candidate.includes('/') ? candidate : (getModel(candidate)?.id ?? firstId(candidate)),
    );
  const unique = [...new Set(best.length ? best : [closest(wanted, ids)])];
  return unique.slice(0, limit);
}

function firstId(name: string): string {
  return findModelsByName(name)[0]?.id ?? name;
}
