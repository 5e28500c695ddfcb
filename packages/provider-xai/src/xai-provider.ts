import type { Provider } from '@stratum/core';
import { unsupportedSetting } from '@stratum/core/provider-kit';
import { createOpenAICompatible } from '@stratum/provider-openai';
import { compatibleBaseSettings } from '@stratum/provider-openai/internal';
import { mapXaiError } from './map-xai-error.js';
import { mapXaiUsage, readXaiCost } from './map-xai-usage.js';
import { isXaiReasoningModel, prepareXaiReasoning } from './prepare-xai-reasoning.js';
import { XAI_API_KEY_VARIABLE, XAI_BASE_URL, type XaiProviderSettings } from './xai-settings.js';

/**
 * xAI's Grok models on its OpenAI-compatible Chat Completions API, through
 * `createOpenAICompatible`.
 * https://docs.x.ai/docs/api-reference#chat-completions
 */
export function createXai(settings: XaiProviderSettings = {}): Provider {
  return createOpenAICompatible({
    ...compatibleBaseSettings(settings, {
      name: 'xai',
      baseURL: XAI_BASE_URL,
      apiKeyEnvironmentVariable: XAI_API_KEY_VARIABLE,
    }),
    providerOptionsKey: 'xai',
    maxTokensParameter: 'max_completion_tokens',
    mapUsage: mapXaiUsage,
    readProviderCost: readXaiCost,
    prepareReasoning: (reasoning, context) =>
      prepareXaiReasoning(context.model, reasoning, context.warnings),
    transformRequestBody: (body, context) => {
      if (body.stop !== undefined && isXaiReasoningModel(body.model)) {
        delete body.stop;
        context.warnings.push(
          unsupportedSetting(
            'stop',
            `${body.model} is a reasoning model, which rejects stop sequences; they were not sent.`,
          ),
        );
      }
      return body;
    },
    mapError: mapXaiError,
  });
}

/** xAI with the key from XAI_API_KEY, read at the first call. */
export const xai: Provider = createXai();
