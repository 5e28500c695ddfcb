export interface OllamaProviderSettings {
  /**
   * Where Ollama listens. Default: the OLLAMA_HOST environment variable (read at the first
   * call), else `http://localhost:11434`.
   */
  host?: string;
  /** Only for an Ollama behind an authenticating proxy: sent as `Authorization: Bearer`. */
  apiKey?: string;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Abort each HTTP request after this long; the request's own `timeoutMs` applies as well. */
  timeoutMs?: number;
  /** The provider name in model ids; default `ollama`. */
  name?: string;
  /** A fetch implementation (proxies, tests). */
  fetch?: typeof globalThis.fetch;
}

export const OLLAMA_DEFAULT_HOST = 'http://localhost:11434';
export const OLLAMA_HOST_VARIABLE = 'OLLAMA_HOST';

/**
 * The host as the Ollama CLI reads `OLLAMA_HOST`: `myhost` and `0.0.0.0:11434` work, a bare
 * host gets port 11434, and the listen-everywhere address 0.0.0.0 is reached as 127.0.0.1.
 */
export function normalizeOllamaHost(host: string): string {
  const trimmed = host.trim();
  const hasScheme = /^https?:\/\//i.test(trimmed);
  const url = new URL(hasScheme ? trimmed : `http://${trimmed}`);
  if (!hasScheme && url.port === '') url.port = '11434';
  if (url.hostname === '0.0.0.0') url.hostname = '127.0.0.1';
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
