import { ConfigurationError } from '@stratum/core';
import type { CacheStore, CircuitBreakerStore, RateLimitStore } from '@stratum/middleware';
import type * as RedisModule from '@stratum/redis';
import type { BudgetStore } from '@stratum/tracker';
import type { RedisConfig } from './keys-config.js';

/** The stores every gateway process on one Redis shares, and the connection behind them. */
export interface SharedRedis {
  budgets: BudgetStore;
  rateLimits: RateLimitStore;
  circuits: CircuitBreakerStore;
  cache: CacheStore;
  /** Resolves when Redis answers a PING (for `/ready`). */
  ping(): Promise<unknown>;
  close(): Promise<void>;
}

type RedisExports = Pick<
  typeof RedisModule,
  | 'connectRedis'
  | 'createRedisBudgetStore'
  | 'createRedisCacheStore'
  | 'createRedisCircuitBreakerStore'
  | 'createRedisRateLimitStore'
>;

/*
 * Loaded only when the file has a `redis` section, by a name the bundler leaves alone, so a
 * gateway without Redis installs neither @stratum/redis nor ioredis (as with the vendor packages).
 */
const REDIS_PACKAGE = '@stratum/redis';

/** Connects to the configured Redis and builds the shared stores on it. */
export async function connectSharedRedis(
  config: RedisConfig,
  environment: NodeJS.ProcessEnv,
): Promise<SharedRedis> {
  const url = config.url ?? readUrl(config.urlEnv, environment);
  const redis = await importRedis();
  const prefix = config.prefix ?? 'stratum:';
  const client = redis.connectRedis(url);
  // Without a listener ioredis prints every reconnect error; a failed call still rejects.
  client.on('error', () => {});
  return {
    budgets: redis.createRedisBudgetStore(client, { prefix: `${prefix}budget:` }),
    rateLimits: redis.createRedisRateLimitStore(client, { prefix: `${prefix}ratelimit:` }),
    circuits: redis.createRedisCircuitBreakerStore(client, { prefix: `${prefix}circuit:` }),
    cache: redis.createRedisCacheStore(client, { prefix: `${prefix}cache:` }),
    ping: () => client.ping(),
    async close() {
      await client.quit().catch(() => client.disconnect());
    },
  };
}

function readUrl(name: string | undefined, environment: NodeJS.ProcessEnv): string {
  const url = name === undefined ? undefined : environment[name]?.trim();
  if (!url) {
    throw new ConfigurationError(
      `"redis.urlEnv" names $${name}, which is not set: export it with the Redis URL (redis://host:6379).`,
    );
  }
  if (!/^rediss?:\/\//.test(url)) {
    // Not the value: it may hold a password.
    throw new ConfigurationError(
      `$${name} (from "redis.urlEnv") is not a Redis URL: it must start with redis:// or rediss://.`,
    );
  }
  return url;
}

async function importRedis(): Promise<RedisExports> {
  let module: unknown;
  try {
    module = await import(REDIS_PACKAGE);
  } catch (error) {
    throw new ConfigurationError(
      `The config's "redis" section needs ${REDIS_PACKAGE}, which is not installed: add it next to @stratum/gateway (npm install ${REDIS_PACKAGE}).`,
      { cause: error },
    );
  }
  if (!isRedisModule(module))
    throw new ConfigurationError(`${REDIS_PACKAGE} is too old for the gateway: update it.`);
  return module;
}

function isRedisModule(value: unknown): value is RedisExports {
  if (typeof value !== 'object' || value === null) return false;
  const names = [
    'connectRedis',
    'createRedisBudgetStore',
    'createRedisCacheStore',
    'createRedisCircuitBreakerStore',
    'createRedisRateLimitStore',
  ];
  return names.every((name) => typeof Reflect.get(value, name) === 'function');
}
