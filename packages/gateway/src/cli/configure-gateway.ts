import { ConfigurationError, StratumError } from '@stratum/core';
import { createMemoryCacheStore, type FallbackOptions } from '@stratum/middleware';
import { createMemoryStore, createSqliteStore, type RecordStore } from '@stratum/tracker';
import { configuredBudgets, configuredKeys } from '../config/configured-keys.js';
import type { FallbacksConfig } from '../config/resilience-config.js';
import { connectSharedRedis, type SharedRedis } from '../config/shared-redis.js';
import type { GatewayOptions } from '../gateway-options.js';
import { createGatewayStack } from '../stack/create-gateway-stack.js';
import { createUpstreamFetch } from '../upstream/create-upstream-fetch.js';
import type { GatewayConfig } from './gateway-config.js';
import { loadProviders } from './load-providers.js';

/** The gateway's options built from a config file, and what to release when it stops. */
export interface ConfiguredGateway {
  options: GatewayOptions;
  /** Flushes the tracker and disconnects from Redis. */
  close(): Promise<void>;
}

/**
 * Turns a parsed config file into `createGateway` options with the same wiring as the demo
 * (`createGatewayStack`). With a `redis` section, budgets, the keys' and the vendors' rate
 * limits, the circuits and the cache live in Redis, shared by every process pointed at it. The
 * providers' SDKs call their vendors through `createUpstreamFetch`.
 */
export async function configureGateway(
  config: GatewayConfig,
  source: string,
  environment: NodeJS.ProcessEnv = process.env,
): Promise<ConfiguredGateway> {
  const upstreamFetch = createUpstreamFetch();
  const providers = await loadProviders(config.providers, environment, upstreamFetch);
  const keys = configuredKeys(config.keys, environment);
  const redis = config.redis ? await connectSharedRedis(config.redis, environment) : undefined;
  try {
    const stack = inFile(source, () =>
      createGatewayStack({
        providers,
        ...(config.routes ? { routes: config.routes } : {}),
        recordStore: recordStoreOf(config.tracker),
        budgets: configuredBudgets(config.budgets, config.keys),
        ...(redis ? { budgetStore: redis.budgets } : {}),
        ...cacheOf(config, redis),
        ...(config.fallbacks ? { fallbacks: fallbacksOf(config.fallbacks) } : {}),
        ...(config.retry ? { retry: config.retry } : {}),
        ...(config.circuitBreaker
          ? {
              circuitBreaker: {
                ...config.circuitBreaker,
                ...(redis ? { store: redis.circuits } : {}),
              },
            }
          : {}),
        ...(config.rateLimit
          ? { rateLimit: { ...config.rateLimit, ...(redis ? { store: redis.rateLimits } : {}) } }
          : {}),
      }),
    );
    const options: GatewayOptions = {
      ...stack,
      router: stack.router,
      ...(keys ? { keys } : {}),
      ...(redis
        ? { rateLimitStore: redis.rateLimits, readinessChecks: { redis: () => redis.ping() } }
        : {}),
      ...(config.maxBodyBytes ? { maxBodyBytes: config.maxBodyBytes } : {}),
    };
    return {
      options,
      async close() {
        await stack.tracker.close();
        await redis?.close();
        await upstreamFetch.close();
      },
    };
  } catch (error) {
    await redis?.close();
    await upstreamFetch.close();
    throw error;
  }
}

function recordStoreOf(tracker: GatewayConfig['tracker']): RecordStore {
  return tracker.store === 'sqlite'
    ? createSqliteStore({ path: tracker.path })
    : createMemoryStore();
}

function cacheOf(config: GatewayConfig, redis: SharedRedis | undefined) {
  const cache = config.cache;
  if (!cache) return {};
  const shared = (cache.store ?? (redis ? 'redis' : 'memory')) === 'redis';
  const store =
    shared && redis
      ? redis.cache
      : createMemoryCacheStore({
          ...(cache.maxEntries ? { maxEntries: cache.maxEntries } : {}),
          ...(cache.maxBytes ? { maxBytes: cache.maxBytes } : {}),
        });
  return {
    cache: {
      store,
      ...(cache.ttlMs ? { ttlMs: cache.ttlMs } : {}),
      ...(cache.enabled === undefined ? {} : { enabled: cache.enabled }),
    },
  };
}

function fallbacksOf(fallbacks: FallbacksConfig): Record<string, FallbackOptions> {
  return Object.fromEntries(
    Object.entries(fallbacks).map(([model, chain]) => {
      if (model !== '*' && !model.includes('/'))
        throw new ConfigurationError(
          `"fallbacks.${model}" must be keyed by a provider/model id such as "openai/gpt-4.1" (the model after routing), or "*" for every other model.`,
        );
      return [model, Array.isArray(chain) ? { models: chain } : chain];
    }),
  );
}

/** A setting the packages refuse (an unknown route candidate, bad tiers) names the file too. */
function inFile<Result>(source: string, build: () => Result): Result {
  try {
    return build();
  } catch (error) {
    if (
      error instanceof ConfigurationError ||
      (StratumError.is(error) && error.code === 'configuration')
    )
      throw new ConfigurationError(`${source}: ${error.message}`, { cause: error });
    throw error;
  }
}
