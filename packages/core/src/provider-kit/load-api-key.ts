import { ConfigurationError } from '../errors/error-classes.js';

export interface LoadApiKeyOptions {
  /** The provider's name, for the error message (`deepseek`). */
  provider: string;
  /** The `apiKey` setting; it wins over the environment. */
  apiKey: string | undefined;
  /**
   * The environment variable(s) holding the key, in order of preference (`DEEPSEEK_API_KEY`;
   * Google reads `GOOGLE_API_KEY`, then `GEMINI_API_KEY`).
   */
  environmentVariable: string | readonly string[] | undefined;
  /** How the setting is passed, for the error message; default `apiKey`. */
  settingName?: string;
}

/**
 * The one rule for API keys: the setting, else the environment variable, trimmed; blank counts
 * as absent. Call it at the first call, not when the provider is created, so that a module-level
 * default instance (`openai`) can exist without a key and the environment can be set later.
 * Returns `undefined` when there is no key; `loadApiKey` throws instead.
 */
export function readApiKey(options: LoadApiKeyOptions): string | undefined {
  const fromSetting = options.apiKey?.trim();
  if (fromSetting) return fromSetting;
  const environment = globalThis.process?.env;
  if (!environment) return undefined;
  for (const variable of variablesOf(options.environmentVariable)) {
    const value = environment[variable]?.trim();
    if (value) return value;
  }
  return undefined;
}

/**
 * `readApiKey`, throwing a `ConfigurationError` that names both places to put the key when
 * neither has one.
 */
export function loadApiKey(options: LoadApiKeyOptions): string {
  const apiKey = readApiKey(options);
  if (apiKey) return apiKey;
  const variables = variablesOf(options.environmentVariable);
  const setting = options.settingName ?? 'apiKey';
  const where =
    variables.length > 0
      ? `Set the ${variables.join(' (or ')}${variables.length > 1 ? ')' : ''} environment variable, or pass the ${setting} setting`
      : `Pass the ${setting} setting`;
  throw new ConfigurationError(
    `No API key for the ${options.provider} provider. ${where} when you create the provider.`,
    { provider: options.provider },
  );
}

function variablesOf(variable: string | readonly string[] | undefined): readonly string[] {
  if (variable === undefined) return [];
  return typeof variable === 'string' ? [variable] : variable;
}
