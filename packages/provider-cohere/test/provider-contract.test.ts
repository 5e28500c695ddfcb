import { startCohereSimulator } from '@stratum/testing';
import { runProviderContract, summarizeCohereRequest } from '@stratum/testing/contract';
import { createCohere } from '../src/index.js';
import { MODEL } from './setup.js';

runProviderContract({
  provider: 'cohere',
  model: MODEL,
  startSimulator: startCohereSimulator,
  // The simulator's origin is the SDK's base URL: it appends /v2/chat.
  createProvider: (simulator, settings) => createCohere({ ...settings, baseURL: simulator.origin }),
  summarize: summarizeCohereRequest,
  features: {
    images: true,
    // Cohere reports cached_tokens but bills only billed_units: no cache prices apply.
    cacheRead: false,
    cacheWrite: false,
    reasoningTokens: false,
    reasoningText: true,
  },
  errorStatuses: [
    { status: 400, code: 'invalid_request', retryable: false },
    { status: 401, code: 'authentication', retryable: false },
    { status: 403, code: 'permission_denied', retryable: false },
    { status: 404, code: 'model_not_found', retryable: false },
    { status: 422, code: 'invalid_request', retryable: false },
    { status: 429, code: 'rate_limit', retryable: true },
    { status: 500, code: 'provider_unavailable', retryable: true },
    { status: 503, code: 'provider_unavailable', retryable: true },
  ],
  unsupportedSetting: { request: { parallelToolCalls: false }, setting: 'parallelToolCalls' },
});
