import { type CacheEntry, type CacheStore, parseCacheEntry } from '@stratum/middleware';
import type { RedisClient } from './redis-client.js';

export interface RedisCacheStoreOptions {
  /** Prepended to every key (default `stratum:cache:`); give apps that share a server their own. */
  prefix?: string;
}

/**
 * A response cache shared by every process that uses the same Redis: an answer stored by one is
 * a hit for all. Entries are JSON strings with a TTL (`SET ... PX`), so Redis expires them on its
 * own, and Redis's `maxmemory` policy bounds the total.
 */
export function createRedisCacheStore(
  redis: RedisClient,
  options: RedisCacheStoreOptions = {},
): CacheStore {
  const prefix = options.prefix ?? 'stratum:cache:';
  return {
    async get(key) {
      const text = await redis.get(prefix + key);
      return text === null ? undefined : parseCacheEntry(text);
    },
    async set(key, entry: CacheEntry, ttlMs) {
      await redis.set(prefix + key, JSON.stringify(entry), 'PX', Math.max(1, Math.round(ttlMs)));
    },
    async delete(key) {
      await redis.del(prefix + key);
    },
  };
}
