import type { BaseProviderSettings } from '@stratum/core/provider-kit';

/** The common provider settings (`name` defaults to `ollama`) without `baseURL`, and: */
export interface OllamaProviderSettings extends Omit<BaseProviderSettings, 'baseURL' | 'apiKey'> {
  /**
   * Where Ollama listens. Default: the OLLAMA_HOST environment variable (read at the first
   * call), else `http://localhost:11434`.
   */
  host?: string;
  /** Only for an Ollama behind an authenticating proxy: sent as `Authorization: Bearer`. */
  apiKey?: string;
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
