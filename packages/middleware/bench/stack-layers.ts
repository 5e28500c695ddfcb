/**
 * The middleware stack this package's in-process benchmarks time, defined once for all of them;
 * `pnpm bench`'s on-the-wire stack (bench/src/middleware-stack-cases.ts) uses the same settings.
 */
import type { Middleware } from '@stratum/core';
import {
  estimateRequestTokensFromCharacters,
  type Logger,
  logging,
  rateLimit,
  responseCache,
  retry,
  timeout,
  tracing,
} from '@stratum/middleware';

/** Drops events: the cost of writing lines is the logger's, not the middleware's. */
const silent: Logger = { info: () => {}, error: () => {} };

/** The stack's layers, outermost first, as the benchmarks configure them. */
export const stackLayers = {
  logging: () => logging({ logger: silent }),
  tracing: () => tracing(),
  cache: () => responseCache(),
  retry: () => retry(),
  'rate limit (requests and tokens)': () =>
    rateLimit({ requestsPerMinute: 1e9, tokensPerMinute: 1e12 }),
  // What an app without @stratum/tokenizer installed gets: characters / 4.
  'rate limit (requests and tokens, characters estimate)': () =>
    rateLimit({
      requestsPerMinute: 1e9,
      tokensPerMinute: 1e12,
      estimateTokens: estimateRequestTokensFromCharacters,
    }),
  'rate limit (requests only)': () => rateLimit({ requestsPerMinute: 1e9 }),
  timeout: () => timeout({ attemptMs: 30_000 }),
} satisfies Record<string, () => Middleware>;

/** How the stack's rate limit counts tokens: with the tokenizer, by characters, or not at all. */
export type TokenLimit = 'tokenizer' | 'characters' | 'none';

const rateLimits: Record<TokenLimit, () => Middleware> = {
  tokenizer: stackLayers['rate limit (requests and tokens)'],
  characters: stackLayers['rate limit (requests and tokens, characters estimate)'],
  none: stackLayers['rate limit (requests only)'],
};

/**
 * logging (events dropped) + tracing (no OpenTelemetry SDK registered) + response cache (the
 * default bounded LRU) + retry + rate limit (requests and tokens per minute, the tokens counted
 * with `@stratum/tokenizer` unless told otherwise) + timeout.
 */
export function fullStack(tokens: TokenLimit = 'tokenizer'): Middleware[] {
  return [
    stackLayers.logging(),
    stackLayers.tracing(),
    stackLayers.cache(),
    stackLayers.retry(),
    rateLimits[tokens](),
    stackLayers.timeout(),
  ];
}
