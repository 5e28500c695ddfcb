/**
 * The settings every provider package takes. A package's own settings extend it with what is
 * particular to its vendor (OpenRouter's `appName`, Mistral's `safePrompt`).
 */
export interface BaseProviderSettings {
  /** The API key; when absent, the vendor's environment variable is read at the first call. */
  apiKey?: string;
  /** The API root; each provider documents its default. */
  baseURL?: string;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Abort each HTTP request after this long; the request's own `timeoutMs` applies as well. */
  timeoutMs?: number;
  /** The provider name in model ids (the `name/` prefix); each provider documents its default. */
  name?: string;
  /** A fetch implementation (proxies, tests). */
  fetch?: typeof globalThis.fetch;
}
