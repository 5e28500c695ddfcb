export interface XaiProviderSettings {
  /** Default: the XAI_API_KEY environment variable, read at the first call. */
  apiKey?: string;
  /** Default `https://api.x.ai/v1`. */
  baseURL?: string;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Abort each HTTP request after this long; the request's own `timeoutMs` applies as well. */
  timeoutMs?: number;
  /** The provider name in model ids; default `xai`. */
  name?: string;
  /** A fetch implementation (proxies, tests). */
  fetch?: typeof globalThis.fetch;
}

export const XAI_BASE_URL = 'https://api.x.ai/v1';
export const XAI_API_KEY_VARIABLE = 'XAI_API_KEY';
