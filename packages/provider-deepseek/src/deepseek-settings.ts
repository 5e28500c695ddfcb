export interface DeepSeekProviderSettings {
  /** Default: the DEEPSEEK_API_KEY environment variable, read at the first call. */
  apiKey?: string;
  /** Default `https://api.deepseek.com`. */
  baseURL?: string;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Abort each HTTP request after this long; the request's own `timeoutMs` applies as well. */
  timeoutMs?: number;
  /** The provider name in model ids; default `deepseek`. */
  name?: string;
  /** A fetch implementation (proxies, tests). */
  fetch?: typeof globalThis.fetch;
}

export const DEEPSEEK_BASE_URL = 'https://api.deepseek.com';
export const DEEPSEEK_API_KEY_VARIABLE = 'DEEPSEEK_API_KEY';
