import { startAnthropicSimulator } from '@stratum/testing';
import { runProviderContract, summarizeAnthropicRequest } from '@stratum/testing/contract';
import { vi } from 'vitest';
import { createAnthropic } from '../src/index.js';
import { ensureSonnetPriced, MODEL } from './setup.js';

ensureSonnetPriced();
// The SDK warns on every call to a model it lists as deprecated (claude-sonnet-4-5).
vi.spyOn(console, 'warn').mockImplementation(() => {});

runProviderContract({
  provider: 'anthropic',
  model: MODEL,
  startSimulator: startAnthropicSimulator,
  // The simulator's origin is the SDK's base URL: it appends /v1/messages.
  createProvider: (simulator, settings) =>
    createAnthropic({ ...settings, baseURL: simulator.origin }),
  summarize: summarizeAnthropicRequest,
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
    { status: 403, code: 'permission_denied', retryable: false },
    { status: 404, code: 'model_not_found', retryable: false },
    { status: 413, code: 'invalid_request', retryable: false },
    { status: 429, code: 'rate_limit', retryable: true },
    { status: 500, code: 'provider_unavailable', retryable: true },
    { status: 529, code: 'provider_unavailable', retryable: true },
  ],
  unsupportedSetting: { request: { seed: 42 }, setting: 'seed' },
});
