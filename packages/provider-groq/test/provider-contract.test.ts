import { startGroqSimulator } from '@stratum/testing';
import { runProviderContract, summarizeOpenAIRequest } from '@stratum/testing/contract';
import { createGroq } from '../src/index.js';

runProviderContract({
  provider: 'groq',
  // GPT-OSS 120B on Groq reasons (the `reasoning` field) and reports cached tokens; in the
  // catalog at input $0.15/M, cached $0.075/M, output $0.60/M.
  model: 'groq/openai/gpt-oss-120b',
  startSimulator: () => startGroqSimulator(),
  createProvider: (simulator, { apiKey }) =>
    createGroq({ apiKey, baseURL: `${simulator.origin}/openai/v1` }),
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
    { status: 404, code: 'model_not_found', retryable: false },
    { status: 413, code: 'invalid_request', retryable: false },
    { status: 429, code: 'rate_limit', retryable: true },
    { status: 498, code: 'provider_unavailable', retryable: true },
    { status: 500, code: 'provider_unavailable', retryable: true },
    { status: 503, code: 'provider_unavailable', retryable: true },
  ],
  unsupportedSetting: {
    request: { reasoning: { budgetTokens: 2048 } },
    setting: 'reasoning.budgetTokens',
  },
});
