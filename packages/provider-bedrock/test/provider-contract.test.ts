import { startBedrockSimulator } from '@stratum/testing';
import {
  CONTRACT_API_KEY,
  runProviderContract,
  summarizeBedrockRequest,
} from '@stratum/testing/contract';
import { createBedrock } from '../src/index.js';
import { ACCESS_KEY_ID, MODEL, REGION } from './setup.js';

// The contract's secret is the AWS secret key here: the suite checks it never reaches a message.
runProviderContract({
  provider: 'bedrock',
  model: MODEL,
  startSimulator: () =>
    startBedrockSimulator({
      accessKeyId: ACCESS_KEY_ID,
      region: REGION,
      secretAccessKey: CONTRACT_API_KEY,
    }),
  createProvider: (simulator, { apiKey }) =>
    createBedrock({
      region: REGION,
      credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: apiKey },
      endpoint: simulator.origin,
    }),
  summarize: summarizeBedrockRequest,
  features: {
    images: true,
    cacheRead: true,
    cacheWrite: true,
    reasoningTokens: false,
    reasoningText: true,
  },
  errorStatuses: [
    { status: 400, code: 'invalid_request', retryable: false },
    { status: 403, code: 'permission_denied', retryable: false },
    { status: 404, code: 'model_not_found', retryable: false },
    { status: 429, code: 'rate_limit', retryable: true },
    { status: 500, code: 'provider_unavailable', retryable: true },
    { status: 503, code: 'provider_unavailable', retryable: true },
  ],
  unsupportedSetting: { request: { seed: 42 }, setting: 'seed' },
});
