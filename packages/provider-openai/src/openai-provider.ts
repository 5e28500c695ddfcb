import type { ModelInfo, Provider } from '@stratum/core';
import type { BaseProviderSettings } from '@stratum/core/provider-kit';
import { createOpenAICompatible } from './openai-compatible-provider.js';

/**
 * The common provider settings (`apiKey` defaults to the OPENAI_API_KEY environment variable,
 * read at the first call; `baseURL` to `https://api.openai.com/v1`; `name` to `openai`), and:
 */
export interface OpenAIProviderSettings extends BaseProviderSettings {
  /** Sent as the `OpenAI-Organization` header. */
  organization?: string;
  /** Sent as the `OpenAI-Project` header. */
  project?: string;
}

/**
 * OpenAI's Chat Completions API on the official `openai` SDK.
 * https://platform.openai.com/docs/api-reference/chat
 */
export function createOpenAI(settings: OpenAIProviderSettings = {}): Provider {
  const headers: Record<string, string> = {};
  if (settings.organization) headers['OpenAI-Organization'] = settings.organization;
  if (settings.project) headers['OpenAI-Project'] = settings.project;
  return createOpenAICompatible({
    name: settings.name ?? 'openai',
    baseURL: settings.baseURL ?? 'https://api.openai.com/v1',
    apiKey: settings.apiKey,
    apiKeyEnvironmentVariable: 'OPENAI_API_KEY',
    headers: { ...headers, ...settings.headers },
    fetch: settings.fetch,
    timeoutMs: settings.timeoutMs,
    // `max_tokens` is deprecated and rejected by reasoning models.
    maxTokensParameter: 'max_completion_tokens',
    providerOptionsKey: 'openai',
    isReasoningModel: isOpenAIReasoningModel,
  });
}

/**
 * The o-series and GPT-5 models reason, and reject `temperature` and `top_p`.
 * https://platform.openai.com/docs/guides/reasoning
 */
export function isOpenAIReasoningModel(model: string, modelInfo?: ModelInfo): boolean {
  const base = model.startsWith('ft:') ? model.slice(3) : model;
  if (/^o\d/.test(base)) return true;
  if (base.startsWith('gpt-5')) return !base.startsWith('gpt-5-chat');
  return modelInfo?.capabilities.reasoning === true;
}

/** OpenAI with the key from OPENAI_API_KEY, read at the first call. */
export const openai: Provider = createOpenAI();
