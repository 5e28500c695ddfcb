import { startOpenRouterSimulator } from '@stratum/testing';
import { runProviderContract, summarizeOpenAIRequest } from '@stratum/testing/contract';
import { createOpenRouter } from '../src/index.js';

runProviderContract({
  provider: 'openrouter',
  // Claude Sonnet 4.5 through OpenRouter: reasoning text, cache reads and writes; in the catalog
  // at input $3/M, cache read $0.30/M, cache write $3.75/M, output $15/M. The simulator leaves
  // `usage.cost` out here, so the cost comes from the catalog as the contract checks.
  model: 'openrouter/anthropic/claude-sonnet-4.5',
  startSimulator: () => startOpenRouterSimulator(),
  createProvider: (simulator, { apiKey }) =>
    createOpenRouter({ apiKey, baseURL: `${simulator.origin}/api/v1` }),
  summarize: summarizeOpenAIRequest,
  features: {
    images: true,
    cacheRead: true,
    cacheWrite: true,
    reasoningTokens: true,
    reasoningText: true,
  },
  errorStatuses: [
    { status: 400, code: 'invalid_request', retryable: false },
    { status: 401, code: 'authentication', retryable: false },
    { status: 402, code: 'unknown', retryable: false },
    { status: 408, code: 'timeout', retryable: true },
    { status: 429, code: 'rate_limit', retryable: true },
    { status: 502, code: 'provider_unavailable', retryable: true },
    { status: 503, code: 'provider_unavailable', retryable: true },
  ],
  unsupportedSetting: { request: { parallelToolCalls: false }, setting: 'parallelToolCalls' },
});
