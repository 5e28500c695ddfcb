import { startGoogleSimulator } from '@stratum/testing';
import { runProviderContract, summarizeGoogleRequest } from '@stratum/testing/contract';
import { createGoogle } from '../src/index.js';

runProviderContract({
  provider: 'google',
  model: 'google/gemini-2.5-flash',
  startSimulator: () => startGoogleSimulator(),
  createProvider: (simulator, { apiKey }) => createGoogle({ apiKey, baseURL: simulator.origin }),
  summarize: summarizeGoogleRequest,
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
    { status: 504, code: 'timeout', retryable: true },
  ],
  unsupportedSetting: { request: { parallelToolCalls: false }, setting: 'parallelToolCalls' },
});
