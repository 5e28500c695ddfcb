import type { BaseProviderSettings } from '@stratum/core/provider-kit';
import type { OpenAICompatibleSettings } from './openai-compatible-settings.js';

export interface CompatibleDefaults {
  /** The provider name when the settings give none (`groq`). */
  name: string;
  /** The API root when the settings give none. */
  baseURL: string;
  /** Where the key is read from when the settings give none (`GROQ_API_KEY`). */
  apiKeyEnvironmentVariable: string;
}

type BaseCompatibleSettings = Pick<
  OpenAICompatibleSettings,
  'name' | 'baseURL' | 'apiKey' | 'apiKeyEnvironmentVariable' | 'headers' | 'fetch' | 'timeoutMs'
>;

/**
 * The `createOpenAICompatible` settings that come straight from a vendor package's
 * `BaseProviderSettings`, with the vendor's defaults; the package adds its hooks to them.
 */
export function compatibleBaseSettings(
  settings: BaseProviderSettings,
  defaults: CompatibleDefaults,
): BaseCompatibleSettings {
  return {
    name: settings.name ?? defaults.name,
    baseURL: settings.baseURL ?? defaults.baseURL,
    apiKey: settings.apiKey,
    apiKeyEnvironmentVariable: defaults.apiKeyEnvironmentVariable,
    headers: settings.headers,
    fetch: settings.fetch,
    timeoutMs: settings.timeoutMs,
  };
}
