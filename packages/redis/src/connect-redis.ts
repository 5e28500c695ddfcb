import { Redis, type RedisOptions } from 'ioredis';

/**
 * An ioredis client on `url` (`redis://user:password@host:6379/0`, `rediss://` for TLS), for
 * code that configures the stores from a URL without depending on ioredis itself (the
 * `stratum-gateway` command). A call fails after one reconnect attempt instead of queueing
 * forever, so a limit or budget check against a Redis that is down answers with an error.
 */
export function connectRedis(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1, ...options });
}
