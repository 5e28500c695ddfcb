import { isRecord } from '@stratum/core/provider-kit';
import { startDeepSeekSimulator } from '@stratum/testing';
import {
  type RequestSummary,
  runProviderContract,
  summarizeOpenAIRequest,
} from '@stratum/testing/contract';
import { createDeepSeek } from '../src/index.js';

/**
 * DeepSeek has JSON mode but no schema-constrained output: the provider sends the schema in a
 * system message with `response_format: json_object`, which counts as asking for schema JSON.
 */
function summarizeDeepSeekRequest(body: unknown): RequestSummary {
  const summary = summarizeOpenAIRequest(body);
  const format = isRecord(body) && isRecord(body['response_format']) ? body['response_format'] : {};
  const schemaInPrompt = summary.system?.includes('conforms to this JSON schema') ?? false;
  return { ...summary, jsonSchema: format['type'] === 'json_object' && schemaInPrompt };
}

runProviderContract({
  provider: 'deepseek',
  // In the catalog: input $0.28/M, cache hit $0.028/M, output $0.42/M.
  model: 'deepseek/deepseek-reasoner',
  startSimulator: () => startDeepSeekSimulator(),
  createProvider: (simulator, { apiKey }) => createDeepSeek({ apiKey, baseURL: simulator.origin }),
  summarize: summarizeDeepSeekRequest,
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
    { status: 422, code: 'invalid_request', retryable: false },
    { status: 429, code: 'rate_limit', retryable: true },
    { status: 500, code: 'provider_unavailable', retryable: true },
    { status: 503, code: 'provider_unavailable', retryable: true },
  ],
  // deepseek-reasoner thinks, and thinking mode ignores temperature.
  unsupportedSetting: { request: { temperature: 0.3 }, setting: 'temperature' },
});
