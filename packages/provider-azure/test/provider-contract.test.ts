import { startAzureSimulator } from '@stratum/testing';
import { runProviderContract, summarizeOpenAIRequest } from '@stratum/testing/contract';
import { createAzure } from '../src/index.js';

runProviderContract({
  provider: 'azure',
  // A deployment named after its model; in the catalog at input $2.50/M, cached $1.25/M,
  // output $10/M.
  model: 'azure/gpt-4o',
  startSimulator: () => startAzureSimulator(),
  createProvider: (simulator, { apiKey }) => createAzure({ apiKey, endpoint: simulator.origin }),
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
    { status: 408, code: 'timeout', retryable: true },
    { status: 429, code: 'rate_limit', retryable: true },
    { status: 500, code: 'provider_unavailable', retryable: true },
    { status: 503, code: 'provider_unavailable', retryable: true },
  ],
  // gpt-4o does not reason: reasoning settings become a warning.
  unsupportedSetting: { request: { reasoning: { effort: 'high' } }, setting: 'reasoning' },
});
