import type { ModelInfo, Provider, ProviderRequest } from '@stratum/core';
import type { BaseProviderSettings } from '@stratum/core/provider-kit';
import { createOpenAICompatible } from './openai-compatible-provider.js';
import type { OpenAICompatibleSettings } from './openai-compatible-settings.js';
import { mapResponsesError } from './responses-map-error.js';
import { createOpenAIResponses } from './responses-provider.js';

/**
 * The common provider settings (`apiKey` defaults to the OPENAI_API_KEY environment variable,
 * read at the first call; `baseURL` to `https://api.openai.com/v1`; `name` to `openai`), and:
 */
export interface OpenAIProviderSettings extends BaseProviderSettings {
  /** Sent as the `OpenAI-Organization` header. */
  organization?: string;
  /** Sent as the `OpenAI-Project` header. */
  project?: string;
  /**
   * Which API to call: `chat` (Chat Completions) or `responses` (the Responses API). By default
   * Chat Completions, except for the models only the Responses API serves (the catalog's
   * `api: 'responses'`: o3-pro, gpt-5-pro, the codex models, …).
   */
  api?: 'responses' | 'chat';
}

/**
 * OpenAI on the official `openai` SDK: Chat Completions
 * (https://platform.openai.com/docs/api-reference/chat) or the Responses API
 * (https://platform.openai.com/docs/api-reference/responses), per the `api` setting.
 */
export function createOpenAI(settings: OpenAIProviderSettings = {}): Provider {
  const headers: Record<string, string> = {};
  if (settings.organization) headers['OpenAI-Organization'] = settings.organization;
  if (settings.project) headers['OpenAI-Project'] = settings.project;
  const clientSettings: OpenAICompatibleSettings = {
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
    // Chat Completions bills the same account: an exhausted quota is as final there.
    mapError: (error, context) => {
      const mapped = mapResponsesError(error, context);
      return mapped.vendorCode === 'insufficient_quota' ? mapped : undefined;
    },
  };
  const chat = createOpenAICompatible(clientSettings);
  const responses = createOpenAIResponses({
    client: clientSettings,
    isReasoningModel: isOpenAIReasoningModel,
  });
  const apiFor = (request: ProviderRequest): Provider => {
    const api = settings.api ?? (request.modelInfo?.api === 'responses' ? 'responses' : 'chat');
    return api === 'responses' ? responses : chat;
  };
  return {
    name: chat.name,
    chat: (request) => apiFor(request).chat(request),
    stream: (request) => apiFor(request).stream(request),
  };
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
