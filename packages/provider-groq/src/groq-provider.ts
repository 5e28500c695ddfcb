import type { Provider } from '@stratum/core';
import { createOpenAICompatible } from '@stratum/provider-openai';
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
  const name = settings.name ?? 'groq';
  return createOpenAICompatible({
    name,
    baseURL: settings.baseURL ?? GROQ_BASE_URL,
    apiKey: settings.apiKey,
    apiKeyEnvironmentVariable: GROQ_API_KEY_VARIABLE,
    headers: settings.headers,
    fetch: settings.fetch,
    timeoutMs: settings.timeoutMs,
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
    mapError: (error, context) =>
      mapGroqError(error, {
        provider: name,
        model: context.model,
        signal: context.request.signal,
        // The shared mapping scrubs the key from messages; it is read the same way as for calls.
        apiKey: settings.apiKey ?? globalThis.process?.env[GROQ_API_KEY_VARIABLE],
      }),
  });
}

/** Groq with the key from GROQ_API_KEY, read at the first call. */
export const groq: Provider = createGroq();
