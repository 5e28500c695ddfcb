import * as v from 'valibot';
import {
  budgetPeriod,
  dollars,
  environmentName,
  modelId,
  nonEmptyText,
  positiveNumber,
  textList,
} from './config-fields.js';

/**
 * `keys`: the gateway's API keys. The file holds a key's SHA-256 (`keyHash`) or the name of
 * the environment variable holding it (`keyEnv`), never the key: a `key` field is refused.
 */
export const keysSchema = v.array(
  v.strictObject({
    id: nonEmptyText('a name for the caller such as "search-team"'),
    keyHash: v.optional(
      v.pipe(
        v.string(),
        v.regex(
          /^[0-9a-f]{64}$/i,
          'must be the 64 hex characters of the key\'s SHA-256, e.g. from `printf %s "$KEY" | sha256sum`',
        ),
      ),
    ),
    keyEnv: v.optional(environmentName('the key')),
    allowedModels: v.optional(v.array(modelId, 'must be a list of model or route ids')),
    tags: v.optional(textList('team:search')),
    rateLimit: v.optional(v.strictObject({ requestsPerMinute: positiveNumber(60) })),
    /** Spending limit of this key alone (a budget scoped to its `apiKeyId` tag). */
    budget: v.optional(
      v.strictObject({
        limitUsd: dollars(5),
        period: budgetPeriod,
        mode: v.optional(v.picklist(['hard', 'soft'], 'must be "hard" or "soft"')),
      }),
    ),
  }),
  'must be a list of keys, e.g. [{ "id": "search-team", "keyEnv": "SEARCH_TEAM_KEY" }]',
);

/**
 * `redis`: shares budgets, keys' rate limits, the vendor rate limiter, circuit breakers and the
 * cache between every gateway process pointed at the same Redis.
 */
export const redisSchema = v.strictObject({
  url: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^rediss?:\/\//, 'must be a Redis URL such as "redis://127.0.0.1:6379"'),
    ),
  ),
  urlEnv: v.optional(environmentName('the Redis URL')),
  /** Prepended to every key, so several gateways can share one Redis apart (default `stratum:`). */
  prefix: v.optional(nonEmptyText('a key prefix such as "gateway:"')),
});

export type KeysConfig = v.InferOutput<typeof keysSchema>;
export type RedisConfig = v.InferOutput<typeof redisSchema>;
