import type { BaseProviderSettings } from '@stratum/core/provider-kit';

/**
 * The common provider settings (`apiKey` defaults to the OPENROUTER_API_KEY environment
 * variable, read at the first call; `baseURL` to `https://openrouter.ai/api/v1`; `name` to
 * `openrouter`), and:
 */
export interface OpenRouterProviderSettings extends BaseProviderSettings {
  /** Your app's URL, sent as `HTTP-Referer` for OpenRouter's app attribution and rankings. */
  appUrl?: string;
  /** Your app's name, sent as `X-Title`. */
  appName?: string;
  /**
   * How far OpenRouter's reported cost may be from the catalog's estimate, as a fraction of
   * the larger of the two, before the response carries a warning. Default 0.05 (5%).
   */
  costWarningThreshold?: number;
}

export const OPENROUTER_BASE_URL = 'https://openrouter.ai/api/v1';
export const OPENROUTER_API_KEY_VARIABLE = 'OPENROUTER_API_KEY';
