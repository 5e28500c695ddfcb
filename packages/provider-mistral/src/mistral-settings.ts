export interface MistralProviderSettings {
  /** Default: the MISTRAL_API_KEY environment variable, read at the first call. */
  apiKey?: string;
  /** Default `https://api.mistral.ai/v1`. */
  baseURL?: string;
  /**
   * Ask Mistral to prepend its safety system prompt (`safe_prompt`) to every call; a request
   * can still set `providerOptions.mistral.safe_prompt`.
   */
  safePrompt?: boolean;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Abort each HTTP request after this long; the request's own `timeoutMs` applies as well. */
  timeoutMs?: number;
  /** The provider name in model ids; default `mistral`. */
  name?: string;
  /** A fetch implementation (proxies, tests). */
  fetch?: typeof globalThis.fetch;
}

export const MISTRAL_BASE_URL = 'https://api.mistral.ai/v1';
export const MISTRAL_API_KEY_VARIABLE = 'MISTRAL_API_KEY';
