import { startOpenAISimulator } from '@stratum/testing';
import { runProviderContract, summarizeOpenAIRequest } from '@stratum/testing/contract';
import { createOpenAI } from '../src/index.js';

runProviderContract({
  provider: 'openai',
  model: 'openai/gpt-4.1-mini',
  startSimulator: () => startOpenAISimulator(),
  createProvider: (simulator, { apiKey }) =>
    createOpenAI({ apiKey, baseURL: `${simulator.origin}/v1` }),
  summarize: summarizeOpenAIRequest,
  features: {
    images: true,
    cacheRead: true,
    cacheWrite: false,
    reasoningTokens: true,
    reasoningText: false,
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
  unsupportedSetting: { request: { reasoning: { effort: 'high' } }, setting: 'reasoning' },
});
