import type { Provider } from '@stratum/core';
import { createOpenAICompatible } from '@stratum/provider-openai';
import { compatibleBaseSettings } from '@stratum/provider-openai/internal';
import { createMistralMessageConverter } from './convert-to-mistral-messages.js';
import { mapMistralError } from './map-mistral-error.js';
import { createMistralToolCallIndexer, readMistralReasoning } from './map-mistral-response.js';
import {
  MISTRAL_API_KEY_VARIABLE,
  MISTRAL_BASE_URL,
  type MistralProviderSettings,
} from './mistral-settings.js';
import { prepareMistralReasoning, prepareMistralRequestBody } from './prepare-mistral-request.js';

/**
 * Mistral's Chat Completions API, through `createOpenAICompatible`: OpenAI's format with
 * Mistral's renames and restrictions.
 * https://docs.mistral.ai/api/#tag/chat
 */
export function createMistral(settings: MistralProviderSettings = {}): Provider {
  return createOpenAICompatible({
    ...compatibleBaseSettings(settings, {
      name: 'mistral',
      baseURL: MISTRAL_BASE_URL,
      apiKeyEnvironmentVariable: MISTRAL_API_KEY_VARIABLE,
    }),
    providerOptionsKey: 'mistral',
    maxTokensParameter: 'max_tokens',
    prepareReasoning: (reasoning, context) =>
      prepareMistralReasoning(context.model, reasoning, context.warnings),
    createMessageConverter: createMistralMessageConverter,
    transformRequestBody: (body) => prepareMistralRequestBody(body, settings.safePrompt),
    readReasoning: readMistralReasoning,
    createChunkHandler: createMistralToolCallIndexer,
    mapError: mapMistralError,
  });
}

/** Mistral with the key from MISTRAL_API_KEY, read at the first call. */
export const mistral: Provider = createMistral();
