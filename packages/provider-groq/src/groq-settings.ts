export interface GroqProviderSettings {
  /** Default: the GROQ_API_KEY environment variable, read at the first call. */
  apiKey?: string;
  /** Default `https://api.groq.com/openai/v1`. */
  baseURL?: string;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Abort each HTTP request after this long; the request's own `timeoutMs` applies as well. */
  timeoutMs?: number;
  /** The provider name in model ids; default `groq`. */
  name?: string;
  /** A fetch implementation (proxies, tests). */
  fetch?: typeof globalThis.fetch;
}

export const GROQ_BASE_URL = 'https://api.groq.com/openai/v1';
export const GROQ_API_KEY_VARIABLE = 'GROQ_API_KEY';
