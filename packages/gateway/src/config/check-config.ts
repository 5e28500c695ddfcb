import type { KeysConfig, RedisConfig } from './keys-config.js';
import type { CacheConfig } from './resilience-config.js';

/** A config field that passed its own schema but not a rule across fields. */
export interface ConfigProblem {
  path: string;
  message: string;
}

interface CheckedParts {
  keys?: KeysConfig;
  redis?: RedisConfig;
  cache?: CacheConfig;
}

/** The rules a field's own schema cannot say: one of two fields, a store that needs Redis. */
export function checkConfig(config: CheckedParts): ConfigProblem | undefined {
  return checkKeys(config.keys) ?? checkRedis(config.redis) ?? checkCache(config);
}

function checkKeys(keys: KeysConfig | undefined): ConfigProblem | undefined {
  const ids = new Set<string>();
  for (const [index, key] of (keys ?? []).entries()) {
    if ((key.keyHash === undefined) === (key.keyEnv === undefined)) {
      return {
        path: `keys.${index}`,
        message: `(${key.id}) needs exactly one of "keyHash" (the key's SHA-256, hex) or "keyEnv" (the environment variable holding the key).`,
      };
    }
    if (ids.has(key.id)) {
      return {
        path: `keys.${index}.id`,
        message: `"${key.id}" is the id of another key too: give each key its own id.`,
      };
    }
    ids.add(key.id);
  }
  return undefined;
}

function checkRedis(redis: RedisConfig | undefined): ConfigProblem | undefined {
  if (redis === undefined) return undefined;
  if ((redis.url === undefined) === (redis.urlEnv === undefined)) {
    return {
      path: 'redis',
      message:
        'needs exactly one of "url" ("redis://127.0.0.1:6379") or "urlEnv" (the environment variable holding the URL).',
    };
  }
  if (redis.url !== undefined && hasPassword(redis.url)) {
    // The URL's text is never repeated here: it holds a password.
    return {
      path: 'redis.url',
      message:
        'holds a password: put the URL in an environment variable and name it with "urlEnv" instead.',
    };
  }
  return undefined;
}

function checkCache(config: CheckedParts): ConfigProblem | undefined {
  if (config.cache && config.cache.store === 'redis' && config.redis === undefined) {
    return {
      path: 'cache.store',
      message:
        'is "redis" but the file has no "redis" section: add { "redis": { "url": … } } or use "memory".',
    };
  }
  return undefined;
}

function hasPassword(url: string): boolean {
  try {
    return new URL(url).password !== '';
  } catch {
    return false;
  }
}
