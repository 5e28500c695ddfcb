import { startMistralSimulator } from '@stratum/testing';
import { runProviderContract, summarizeOpenAIRequest } from '@stratum/testing/contract';
import { createMistral } from '../src/index.js';

runProviderContract({
  provider: 'mistral',
  // Mistral Small: vision, tools, JSON schema, and `thinking` content; in the catalog at input
  // $0.06/M, output $0.18/M (no cache price: cached tokens bill at the input price).
  model: 'mistral/mistral-small-latest',
  startSimulator: () => startMistralSimulator(),
  createProvider: (simulator, { apiKey }) =>
    createMistral({ apiKey, baseURL: `${simulator.origin}/v1` }),
  summarize: summarizeOpenAIRequest,
  features: {
    images: true,
    cacheRead: true,
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
  unsupportedSetting: {
    request: { reasoning: { budgetTokens: 1024 } },
    setting: 'reasoning.budgetTokens',
  },
});
