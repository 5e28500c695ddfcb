import type { Provider, Warning } from '@stratum/core';
import { unsupportedSetting } from '@stratum/core/provider-kit';
import { createOpenAICompatible } from '@stratum/provider-openai';
import type { OpenAIChatRequestBody } from '@stratum/provider-openai/internal';
import { compatibleBaseSettings } from '@stratum/provider-openai/internal';
import { createDeepSeekMessageConverter } from './convert-to-deepseek-messages.js';
import {
  DEEPSEEK_API_KEY_VARIABLE,
  DEEPSEEK_BASE_URL,
  type DeepSeekProviderSettings,
} from './deepseek-settings.js';
import { mapDeepSeekUsage } from './map-deepseek-usage.js';
import { isDeepSeekThinking, prepareDeepSeekReasoning } from './prepare-deepseek-reasoning.js';
import { prepareDeepSeekResponseFormat } from './prepare-deepseek-response-format.js';

/**
 * DeepSeek's Chat Completions API (OpenAI-compatible), through `createOpenAICompatible`.
 * https://api-docs.deepseek.com/api/create-chat-completion
 */
export function createDeepSeek(settings: DeepSeekProviderSettings = {}): Provider {
  return createOpenAICompatible({
    ...compatibleBaseSettings(settings, {
      name: 'deepseek',
      baseURL: DEEPSEEK_BASE_URL,
      apiKeyEnvironmentVariable: DEEPSEEK_API_KEY_VARIABLE,
    }),
    providerOptionsKey: 'deepseek',
    maxTokensParameter: 'max_tokens',
    mapUsage: mapDeepSeekUsage,
    prepareReasoning: (reasoning, context) => prepareDeepSeekReasoning(reasoning, context.warnings),
    createMessageConverter: (context) => createDeepSeekMessageConverter(context.request.messages),
    transformRequestBody: (body, context) => {
      prepareDeepSeekResponseFormat(body, context.warnings);
      return dropThinkingModeSamplers(body, context.warnings);
    },
  });
}

/** In thinking mode DeepSeek accepts temperature and top_p but ignores them: say so. */
function dropThinkingModeSamplers(
  body: OpenAIChatRequestBody,
  warnings: Warning[],
): OpenAIChatRequestBody {
  if (!isDeepSeekThinking(body)) return body;
  for (const [field, setting] of [
    ['temperature', 'temperature'],
    ['top_p', 'topP'],
  ] as const) {
    if (body[field] === undefined || body[field] === null) continue;
    delete body[field];
    warnings.push(
      unsupportedSetting(
        setting,
        `DeepSeek ignores ${setting} in thinking mode (${body.model}); it was not sent. Disable thinking with reasoning: { enabled: false } to use it.`,
      ),
    );
  }
  return body;
}

/** DeepSeek with the key from DEEPSEEK_API_KEY, read at the first call. */
export const deepseek: Provider = createDeepSeek();
