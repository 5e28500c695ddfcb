import type { ChatRequest, Middleware } from '@stratum/core';
import { createMockProvider } from '@stratum/testing';
import {
  type Logger,
  logging,
  rateLimit,
  responseCache,
  retry,
  timeout,
  tracing,
} from '@stratum/middleware';

export const mockProvider = createMockProvider({
  responses: {
    text: 'A short answer from the mock provider.',
    usage: { inputTokens: 40, outputTokens: 9 },
  },
});
const silent: Logger = { info: () => {}, error: () => {} };

/** The stack's layers, outermost first, as the benchmarks configure them. */
export const stackLayers = {
  logging: () => logging({ logger: silent }),
  tracing: () => tracing(),
  cache: () => responseCache(),
  retry: () => retry(),
  'rate limit (requests and tokens)': () =>
    rateLimit({ requestsPerMinute: 1e9, tokensPerMinute: 1e12 }),
  'rate limit (requests only)': () => rateLimit({ requestsPerMinute: 1e9 }),
  timeout: () => timeout({ attemptMs: 30_000 }),
} satisfies Record<string, () => Middleware>;

/**
 * logging + tracing (no OpenTelemetry SDK registered) + response cache + retry + rate limit
 * (requests and, unless told otherwise, tokens per minute) + timeout.
 */
export function fullStack(limits: { tokens: boolean } = { tokens: true }): Middleware[] {
  return [
    stackLayers.logging(),
    stackLayers.tracing(),
    stackLayers.cache(),
    stackLayers.retry(),
    limits.tokens
      ? stackLayers['rate limit (requests and tokens)']()
      : stackLayers['rate limit (requests only)'](),
    stackLayers.timeout(),
  ];
}

let counter = 0;
export function freshRequest(): ChatRequest {
  counter += 1;
  return {
    model: 'mock/bench-model',
    temperature: 0,
    messages: [
      { role: 'system', content: 'You answer in one sentence.' },
      { role: 'user', content: `Question number ${counter}: what is the capital of France?` },
    ],
  };
}
