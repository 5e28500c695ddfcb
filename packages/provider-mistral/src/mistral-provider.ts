import type { Provider } from '@stratum/core';
import { createOpenAICompatible } from '@stratum/provider-openai';
import { convertToMistralMessages } from './convert-to-mistral-messages.js';
import { mapMistralError } from './map-mistral-error.js';
import { indexMistralToolCalls, readMistralReasoning } from './map-mistral-response.js';
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
  const name = settings.name ?? 'mistral';
  return createOpenAICompatible({
    name,
    baseURL: settings.baseURL ?? MISTRAL_BASE_URL,
    apiKey: settings.apiKey,
    apiKeyEnvironmentVariable: MISTRAL_API_KEY_VARIABLE,
    headers: settings.headers,
    fetch: settings.fetch,
    timeoutMs: settings.timeoutMs,
    providerOptionsKey: 'mistral',
    maxTokensParameter: 'max_tokens',
    prepareReasoning: (reasoning, context) =>
      prepareMistralReasoning(context.model, reasoning, context.warnings),
    transformRequestBody: (body, context) => {
      convertToMistralMessages(body.messages, context.request.messages);
      return prepareMistralRequestBody(body, settings.safePrompt);
    },
    readReasoning: readMistralReasoning,
    onChunk: indexMistralToolCalls,
    mapError: (error, context) =>
      mapMistralError(error, {
        provider: name,
        model: context.model,
        apiKey: settings.apiKey ?? globalThis.process?.env[MISTRAL_API_KEY_VARIABLE],
      }),
  });
}

/** Mistral with the key from MISTRAL_API_KEY, read at the first call. */
export const mistral: Provider = createMistral();
