export interface OpenRouterProviderSettings {
  /** Default: the OPENROUTER_API_KEY environment variable, read at the first call. */
  apiKey?: string;
  /** Default `https://openrouter.ai/api/v1`. */
  baseURL?: string;
  /** Your app's URL, sent as `HTTP-Referer` for OpenRouter's app attribution and rankings. */
  appUrl?: string;
  /** Your app's name, sent as `X-Title`. */
  appName?: string;
  /**
   * How far OpenRouter's reported cost may be from the catalog's estimate, as a fraction of
   * the larger of the two, before the response carries a warning. Default 0.05 (5%).
   */
  costWarningThreshold?: number;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Abort each HTTP request after this long; the request's own `timeoutMs` applies as well. */
  timeoutMs?: number;
  /** The provider name in model ids; default `openrouter`. */
  name?: string;
  /** A fetch implementation (proxies, tests). */
  fetch?: typeof globalThis.fetch;
}

export const OPENROUTER_BASE_URL = 'https://openrouter.ai/api/v1';
export const OPENROUTER_API_KEY_VARIABLE = 'OPENROUTER_API_KEY';
