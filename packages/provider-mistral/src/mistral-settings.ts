import type { BaseProviderSettings } from '@stratum/core/provider-kit';

/**
 * The common provider settings (`apiKey` defaults to the MISTRAL_API_KEY environment variable,
 * read at the first call; `baseURL` to `https://api.mistral.ai/v1`; `name` to `mistral`), and:
 */
export interface MistralProviderSettings extends BaseProviderSettings {
  /**
   * Ask Mistral to prepend its safety system prompt (`safe_prompt`) to every call; a request
   * can still set `providerOptions.mistral.safe_prompt`.
   */
  safePrompt?: boolean;
}

export const MISTRAL_BASE_URL = 'https://api.mistral.ai/v1';
export const MISTRAL_API_KEY_VARIABLE = 'MISTRAL_API_KEY';
