import { LRUCache } from 'lru-cache';
import { type CacheEntry, type CacheStore, parseCacheEntry } from './cache-store.js';

export interface MemoryCacheStoreOptions {
  /** Most entries kept (default 1000). */
  maxEntries?: number;
  /** Most bytes kept, counted as the UTF-8 size of each entry's JSON (default 50 MB). */
  maxBytes?: number;
  /** For tests: the clock TTLs are measured with. */
  now?: () => number;
}

export interface MemoryCacheStore extends CacheStore {
  get(key: string): CacheEntry | undefined;
  set(key: string, entry: CacheEntry, ttlMs: number): void;
  /** Entries held now. */
  readonly size: number;
  /** Bytes held now. */
  readonly bytes: number;
  clear(): void;
}

/**
 * An LRU cache in this process's memory, bounded by entries and by bytes: the least recently
 * used entries go first when either bound is reached, and an entry bigger than `maxBytes` is not
 * kept at all. Entries are held as JSON, so each hit hands out a fresh copy.
 */
export function createMemoryCacheStore(options: MemoryCacheStoreOptions = {}): MemoryCacheStore {
  const now = options.now;
  const cache = new LRUCache<string, string>({
    max: options.maxEntries ?? 1_000,
    maxSize: options.maxBytes ?? 50 * 1024 * 1024,
    sizeCalculation: (text) => Math.max(1, Buffer.byteLength(text, 'utf8')),
    ...(now ? { perf: { now }, ttlResolution: 0 } : {}),
  });
  return {
    get size() {
      return cache.size;
    },
    get bytes() {
      return cache.calculatedSize;
    },
    get(key) {
      const text = cache.get(key);
      return text === undefined ? undefined : parseCacheEntry(text);
    },
    set(key, entry: CacheEntry, ttlMs) {
      cache.set(key, JSON.stringify(entry), { ttl: ttlMs });
    },
    delete(key) {
      cache.delete(key);
    },
    clear() {
      cache.clear();
    },
  };
}
