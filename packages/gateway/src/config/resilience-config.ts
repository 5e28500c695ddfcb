import * as v from 'valibot';
import { dollars, modelIds, positiveNumber, wholeNumber } from './config-fields.js';

const fallbackChainSchema = v.union(
  [
    modelIds('fallback models'),
    v.strictObject({
      models: modelIds('fallback models'),
      noPricierThanPrimary: v.optional(v.boolean('must be true or false')),
      maxPricePerMillionTokens: v.optional(dollars(20)),
      contextWindow: v.optional(v.boolean('must be true or false')),
    }),
  ],
  'must be the models to try next, e.g. ["anthropic/claude-haiku-4-5"], or { "models": [...], "noPricierThanPrimary": true }',
);

/**
 * `fallbacks`: per model id (after routing) the models tried next when it fails; `"*"` is the
 * chain for every model without one of its own.
 */
export const fallbacksSchema = v.record(
  v.string(),
  fallbackChainSchema,
  'must map model ids (or "*") to fallback chains, e.g. { "openai/gpt-4.1": ["anthropic/claude-sonnet-4-5"] }',
);

export const retrySchema = v.union(
  [
    v.literal(false),
    v.strictObject({
      maxAttempts: v.optional(wholeNumber(3, 1)),
      baseDelayMs: v.optional(wholeNumber(500)),
      maxDelayMs: v.optional(wholeNumber(20_000)),
      deadlineMs: v.optional(wholeNumber(60_000, 1)),
      retryAfterCapMs: v.optional(wholeNumber(60_000)),
    }),
  ],
  'must be false (no retries) or { "maxAttempts": 3, "baseDelayMs": 500 }',
);

export const circuitBreakerSchema = v.union(
  [
    v.literal(false),
    v.strictObject({
      failureThreshold: v.optional(wholeNumber(5, 1)),
      windowMs: v.optional(wholeNumber(60_000, 1)),
      cooldownMs: v.optional(wholeNumber(30_000, 1)),
      halfOpenMaxProbes: v.optional(wholeNumber(1, 1)),
      key: v.optional(v.picklist(['model', 'provider'], 'must be "model" or "provider"')),
    }),
  ],
  'must be false (no breaker) or { "failureThreshold": 5, "windowMs": 60000, "cooldownMs": 30000 }',
);

export const cacheSchema = v.union(
  [
    v.literal(false),
    v.strictObject({
      ttlMs: v.optional(wholeNumber(3_600_000, 1)),
      /** Default: `redis` when the file has a `redis` section, else `memory`. */
      store: v.optional(v.picklist(['memory', 'redis'], 'must be "memory" or "redis"')),
      /** Bounds of the memory store. */
      maxEntries: v.optional(wholeNumber(1_000, 1)),
      maxBytes: v.optional(wholeNumber(50_000_000, 1)),
      /** `false`: only requests that ask for the cache use it. */
      enabled: v.optional(v.boolean('must be true or false')),
    }),
  ],
  'must be false (no cache) or { "ttlMs": 3600000, "store": "memory" }',
);

const limitsSchema = v.strictObject({
  requestsPerMinute: v.optional(positiveNumber(500)),
  tokensPerMinute: v.optional(positiveNumber(200_000)),
});

/** `rateLimit`: the client-side limits on calls to the vendors, for all callers together. */
export const rateLimitSchema = v.strictObject({
  requestsPerMinute: v.optional(positiveNumber(500)),
  tokensPerMinute: v.optional(positiveNumber(200_000)),
  per: v.optional(v.picklist(['provider', 'model'], 'must be "provider" or "model"')),
  limits: v.optional(
    v.record(
      v.string(),
      limitsSchema,
      'must map providers or model ids to limits, e.g. { "openai": { "requestsPerMinute": 100 } }',
    ),
  ),
  burstSeconds: v.optional(positiveNumber(60)),
  maxQueue: v.optional(wholeNumber(1_000)),
  queueTimeoutMs: v.optional(wholeNumber(60_000)),
});

export type FallbacksConfig = v.InferOutput<typeof fallbacksSchema>;
export type RetryConfig = v.InferOutput<typeof retrySchema>;
export type CircuitBreakerConfig = v.InferOutput<typeof circuitBreakerSchema>;
export type CacheConfig = v.InferOutput<typeof cacheSchema>;
export type RateLimitConfig = v.InferOutput<typeof rateLimitSchema>;
