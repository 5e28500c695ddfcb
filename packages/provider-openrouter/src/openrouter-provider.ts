import type { Provider } from '@stratum/core';
import { createOpenAICompatible } from '@stratum/provider-openai';
import { compatibleBaseSettings } from '@stratum/provider-openai/internal';
import { mapOpenRouterError, throwOpenRouterBodyError } from './map-openrouter-error.js';
import { readOpenRouterCost } from './map-openrouter-usage.js';
import {
  OPENROUTER_API_KEY_VARIABLE,
  OPENROUTER_BASE_URL,
  type OpenRouterProviderSettings,
} from './openrouter-settings.js';
import { prepareOpenRouterReasoning } from './prepare-openrouter-reasoning.js';

/**
 * OpenRouter's OpenAI-compatible API, through `createOpenAICompatible`. Model ids are
 * `openrouter/<vendor>/<model>`; the part after `openrouter/` is OpenRouter's model slug.
 * https://openrouter.ai/docs/api-reference/overview
 */
export function createOpenRouter(settings: OpenRouterProviderSettings = {}): Provider {
  const threshold = settings.costWarningThreshold ?? 0.05;
  const attribution: Record<string, string> = {};
  if (settings.appUrl) attribution['HTTP-Referer'] = settings.appUrl;
  if (settings.appName) attribution['X-Title'] = settings.appName;
  return createOpenAICompatible({
    ...compatibleBaseSettings(settings, {
      name: 'openrouter',
      baseURL: OPENROUTER_BASE_URL,
      apiKeyEnvironmentVariable: OPENROUTER_API_KEY_VARIABLE,
    }),
    headers: { ...attribution, ...settings.headers },
    providerOptionsKey: 'openrouter',
    maxTokensParameter: 'max_tokens',
    prepareReasoning: prepareOpenRouterReasoning,
    transformRequestBody: (body) => {
      // Asks for usage accounting, so the cost OpenRouter charged comes back. OpenRouter now
      // always includes it and documents the flag as a no-op; it is kept for older deployments.
      if (body['usage'] === undefined) body['usage'] = { include: true };
      return body;
    },
    readProviderCost: (usage, context) => readOpenRouterCost(usage, context, threshold),
    // What this throws reaches mapError below and is scrubbed of the key like every failure.
    onResponse: throwOpenRouterBodyError,
    mapError: mapOpenRouterError,
  });
}

/** OpenRouter with the key from OPENROUTER_API_KEY, read at the first call. */
export const openrouter: Provider = createOpenRouter();
