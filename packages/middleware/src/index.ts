export type { CacheInfo, RequestCacheControl } from './cache/cache-control.js';
export { createCacheKey } from './cache/cache-key.js';
export {
  type CacheEntry,
  type CacheStore,
  isCacheEntry,
  parseCacheEntry,
} from './cache/cache-store.js';
export {
  createMemoryCacheStore,
  type MemoryCacheStore,
  type MemoryCacheStoreOptions,
} from './cache/memory-cache-store.js';
export {
  type CachedChatResponse,
  type CacheStats,
  type ResponseCacheMiddleware,
  type ResponseCacheOptions,
  responseCache,
} from './cache/response-cache-middleware.js';
export { stableStringify } from './cache/stable-stringify.js';
export {
  type BreakerStateChange,
  CIRCUIT_OPEN,
  type CircuitBreaker,
  type CircuitBreakerOptions,
  circuitBreaker,
  isAvailabilityFailure,
} from './circuit-breaker/circuit-breaker-middleware.js';
export type {
  BreakerAdmission,
  BreakerOutcome,
  BreakerRecord,
  BreakerState,
  CircuitBreakerSettings,
  CircuitBreakerStore,
} from './circuit-breaker/circuit-breaker-store.js';
export { createMemoryCircuitBreakerStore } from './circuit-breaker/memory-circuit-breaker-store.js';
export type { FallbackAttempt, FallbackInfo, FallbackSkip } from './fallback/fallback-info.js';
export {
  DEFAULT_FALLBACK_ON,
  type ErrorClass,
  FALLBACK_STATE_KEY,
  type FallbackAttemptEvent,
  type FallbackOptions,
  fallback,
  readFallbackState,
} from './fallback/fallback-middleware.js';
export { createHealthMonitor, type HealthMonitorOptions } from './health/health-monitor.js';
export type {
  HealthEntry,
  HealthMonitor,
  HealthSnapshot,
  LatencyQuantiles,
} from './health/health-types.js';
export { createJsonLinesLogger, type Logger } from './logging/json-lines-logger.js';
export { type LoggingOptions, logging } from './logging/logging-middleware.js';
export {
  isSecretField,
  REDACTED,
  redactRecord,
  redactSensitiveValues,
  redactString,
} from './logging/redact-secrets.js';
export {
  estimateRequestTokens,
  estimateRequestTokensFromCharacters,
  estimateTextTokens,
  type TokenEstimator,
} from './rate-limit/estimate-request-tokens.js';
export { createMemoryRateLimitStore } from './rate-limit/memory-rate-limit-store.js';
export {
  type RateLimitOptions,
  type RateLimits,
  rateLimit,
} from './rate-limit/rate-limit-middleware.js';
export {
  type BucketLevel,
  type RateLimitDecision,
  type RateLimitDemand,
  type RateLimitStore,
  refill,
} from './rate-limit/rate-limit-store.js';
export { computeBackoffDelay } from './retry/compute-backoff-delay.js';
export {
  createMemoryRetryBudgetStore,
  RETRY_BUDGET_BUCKETS,
} from './retry/memory-retry-budget-store.js';
export { readRateLimitReset } from './retry/read-rate-limit-reset.js';
export {
  createRetryBudget,
  DEFAULT_RETRY_BUDGET,
  type RetryBudget,
  type RetryBudgetOptions,
} from './retry/retry-budget.js';
export {
  type RetryBudgetSettings,
  type RetryBudgetStore,
  retryBudgetBalance,
} from './retry/retry-budget-store.js';
export { type RetryOptions, retry } from './retry/retry-middleware.js';
export {
  type AttemptRecord,
  type CacheState,
  type RetryState,
  type RetryStopReason,
  readCacheState,
  readRetryState,
} from './shared/call-state.js';
export { type TimeoutOptions, timeout } from './timeout/timeout-middleware.js';
export type { SpanLike, TracerLike } from './tracing/load-opentelemetry.js';
export { type TracingOptions, tracing } from './tracing/tracing-middleware.js';
