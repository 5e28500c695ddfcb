import { startOpenAIResponsesSimulator } from '@stratum/testing';
import { runProviderContract, summarizeOpenAIResponsesRequest } from '@stratum/testing/contract';
import { createOpenAI } from '../src/index.js';

// gpt-5-codex is served only by the Responses API: the catalog says so and the provider picks it.
runProviderContract({
  provider: 'openai',
  model: 'openai/gpt-5-codex',
  startSimulator: () => startOpenAIResponsesSimulator(),
  createProvider: (simulator, { apiKey }) =>
    createOpenAI({ apiKey, baseURL: `${simulator.origin}/v1` }),
  summarize: summarizeOpenAIResponsesRequest,
  features: {
    images: true,
    cacheRead: true,
    cacheWrite: false,
    reasoningTokens: true,
    reasoningText: true,
  },
  errorStatuses: [
    { status: 400, code: 'invalid_request', retryable: false },
    { status: 401, code: 'authentication', retryable: false },
    { status: 403, code: 'permission_denied', retryable: false },
    { status: 404, code: 'model_not_found', retryable: false },
    { status: 429, code: 'rate_limit', retryable: true },
    { status: 500, code: 'provider_unavailable', retryable: true },
    { status: 503, code: 'provider_unavailable', retryable: true },
  ],
  unsupportedSetting: { request: { seed: 42 }, setting: 'seed' },
});
