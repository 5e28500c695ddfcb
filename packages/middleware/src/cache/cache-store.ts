import type { ChatResponse } from '@stratum/core';

/** What the cache keeps for a call: the response as the vendor gave it, and when. */
export interface CacheEntry {
  response: ChatResponse;
  /** `Date.now()` when it was stored. */
  storedAt: number;
}

/**
 * Where cached responses live. `createMemoryCacheStore` serves one process;
 * `createRedisCacheStore` from `@stratum/redis` shares entries between processes.
 * A store returns copies: callers may change what they get.
 */
export interface CacheStore {
  get(key: string): CacheEntry | undefined | Promise<CacheEntry | undefined>;
  set(key: string, entry: CacheEntry, ttlMs: number): void | Promise<void>;
  delete(key: string): void | Promise<void>;
}

/** Reads a stored entry back from JSON, refusing anything that is not one. */
export function parseCacheEntry(text: string): CacheEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isCacheEntry(value) ? value : undefined;
}

export function isCacheEntry(value: unknown): value is CacheEntry {
  if (typeof value !== 'object' || value === null) return false;
  if (!('storedAt' in value) || typeof value.storedAt !== 'number') return false;
  if (!('response' in value)) return false;
  const response = value.response;
  return (
    typeof response === 'object' &&
    response !== null &&
    'text' in response &&
    typeof response.text === 'string' &&
    'usage' in response &&
    'content' in response &&
    Array.isArray(response.content)
  );
}
