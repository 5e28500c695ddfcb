import type { BaseProviderSettings } from '@stratum/core/provider-kit';

/**
 * The common provider settings. `apiKey` defaults to the XAI_API_KEY environment variable, read at
 * the first call; `baseURL` to `https://api.x.ai/v1`; `name` to `xai`.
 */
export type XaiProviderSettings = BaseProviderSettings;

export const XAI_BASE_URL = 'https://api.x.ai/v1';
export const XAI_API_KEY_VARIABLE = 'XAI_API_KEY';
