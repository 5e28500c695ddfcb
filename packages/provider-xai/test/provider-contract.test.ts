import { startXaiSimulator } from '@stratum/testing';
import { runProviderContract, summarizeOpenAIRequest } from '@stratum/testing/contract';
import { createXai } from '../src/index.js';

runProviderContract({
  provider: 'xai',
  // Grok 3 Mini returns its reasoning (reasoning_content); in the catalog at input $0.30/M,
  // cached $0.075/M, output $0.50/M.
  model: 'xai/grok-3-mini',
  startSimulator: () => startXaiSimulator(),
  createProvider: (simulator, { apiKey }) =>
    createXai({ apiKey, baseURL: `${simulator.origin}/v1` }),
  summarize: summarizeOpenAIRequest,
  features: {
    images: false,
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
  unsupportedSetting: {
    request: { reasoning: { budgetTokens: 1024 } },
    setting: 'reasoning.budgetTokens',
  },
});
