import type { BaseProviderSettings } from '@stratum/core/provider-kit';

/**
 * The common provider settings. `apiKey` defaults to the DEEPSEEK_API_KEY environment variable, read at
 * the first call; `baseURL` to `https://api.deepseek.com`; `name` to `deepseek`.
 */
export type DeepSeekProviderSettings = BaseProviderSettings;

export const DEEPSEEK_BASE_URL = 'https://api.deepseek.com';
export const DEEPSEEK_API_KEY_VARIABLE = 'DEEPSEEK_API_KEY';
