import type { Provider } from '@stratum/core';
import { createOpenAICompatible } from '@stratum/provider-openai';
import { compatibleBaseSettings } from '@stratum/provider-openai/internal';
import {
  GROQ_API_KEY_VARIABLE,
  GROQ_BASE_URL,
  type GroqProviderSettings,
} from './groq-settings.js';
import { mapGroqError } from './map-groq-error.js';
import { copyGroqStreamUsage } from './map-groq-usage.js';
import { needsParsedReasoning, prepareGroqReasoning } from './prepare-groq-reasoning.js';

/**
 * Groq's OpenAI-compatible Chat Completions API, through `createOpenAICompatible`.
 * https://console.groq.com/docs/api-reference#chat-create
 */
export function createGroq(settings: GroqProviderSettings = {}): Provider {
  return createOpenAICompatible({
    ...compatibleBaseSettings(settings, {
      name: 'groq',
      baseURL: GROQ_BASE_URL,
      apiKeyEnvironmentVariable: GROQ_API_KEY_VARIABLE,
    }),
    providerOptionsKey: 'groq',
    maxTokensParameter: 'max_completion_tokens',
    onChunk: copyGroqStreamUsage,
    prepareReasoning: (reasoning, context) =>
      prepareGroqReasoning(context.model, reasoning, context.warnings),
    transformRequestBody: (body) => {
      // Without it these models put their reasoning in <think> tags inside the answer text.
      if (needsParsedReasoning(body.model) && body['reasoning_format'] === undefined) {
        body['reasoning_format'] = 'parsed';
      }
      return body;
    },
    mapError: mapGroqError,
  });
}

/** Groq with the key from GROQ_API_KEY, read at the first call. */
export const groq: Provider = createGroq();
