export { connectRedis } from './connect-redis.js';
export { createRedisBudgetStore, type RedisBudgetStoreOptions } from './redis-budget-store.js';
export { createRedisCacheStore, type RedisCacheStoreOptions } from './redis-cache-store.js';
export {
  createRedisCircuitBreakerStore,
  type RedisCircuitBreakerStoreOptions,
} from './redis-circuit-breaker-store.js';
export type { RedisClient } from './redis-client.js';
export {
  createRedisRateLimitStore,
  type RedisRateLimitStoreOptions,
} from './redis-rate-limit-store.js';
export {
  createRedisRetryBudgetStore,
  type RedisRetryBudgetStoreOptions,
} from './redis-retry-budget-store.js';
