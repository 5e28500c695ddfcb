import { registerModel } from '@stratum/core';
import { startOllamaSimulator } from '@stratum/testing';
import { runProviderContract, summarizeOpenAIRequest } from '@stratum/testing/contract';
import { createOllama } from '../src/index.js';

// Local models cost a real $0 (see ollama-quirks.test.ts), but the contract checks that usage
// is priced, so this run uses a local model with a price registered the way a team that bills
// its GPU time back would: $0.02/M input, $0.04/M output.
registerModel({ id: 'ollama/llama3.2', pricing: { input: 0.02, output: 0.04 }, local: true });

runProviderContract({
  provider: 'ollama',
  model: 'ollama/llama3.2',
  startSimulator: () => startOllamaSimulator(),
  createProvider: (simulator) => createOllama({ host: simulator.origin }),
  summarize: summarizeOpenAIRequest,
  features: {
    images: true,
    cacheRead: false,
    cacheWrite: false,
    reasoningTokens: false,
    reasoningText: true,
  },
  errorStatuses: [
    { status: 400, code: 'invalid_request', retryable: false },
    { status: 404, code: 'model_not_found', retryable: false },
    { status: 500, code: 'provider_unavailable', retryable: true },
    { status: 503, code: 'provider_unavailable', retryable: true },
  ],
  unsupportedSetting: {
    request: { reasoning: { budgetTokens: 512 } },
    setting: 'reasoning.budgetTokens',
  },
});
