import type { BaseProviderSettings } from '@stratum/core/provider-kit';

/**
 * The common provider settings. `apiKey` defaults to the GROQ_API_KEY environment variable, read at
 * the first call; `baseURL` to `https://api.groq.com/openai/v1`; `name` to `groq`.
 */
export type GroqProviderSettings = BaseProviderSettings;

export const GROQ_BASE_URL = 'https://api.groq.com/openai/v1';
export const GROQ_API_KEY_VARIABLE = 'GROQ_API_KEY';
