import {
  type CallContext,
  type ChatResponse,
  FusedStream,
  fromPicodollars,
  type Middleware,
  type StreamEvent,
  toPicodollars,
  zeroCost,
} from '@stratum/core';
import { CACHE_STATE_KEY, type CacheState } from '../shared/call-state.js';
import { isPromiseLike } from '../shared/is-promise-like.js';
import type { CacheInfo } from './cache-control.js';
import { createCacheKey } from './cache-key.js';
import type { CacheEntry, CacheStore } from './cache-store.js';
import { createMemoryCacheStore } from './memory-cache-store.js';
import { type CacheDecision, readCacheOptions } from './read-cache-options.js';
import { replayCachedStream } from './replay-cached-stream.js';

export interface ResponseCacheOptions {
  /** Where entries live (default: an in-memory LRU of 1000 entries / 50 MB). */
  store?: CacheStore;
  /** How long an entry is kept (default 1 hour); a request may set its own. */
  ttlMs?: number;
  /**
   * Whether requests use the cache unless they say otherwise (default true). With `false`,
   * only requests that opt in through `request.cache` use it.
   */
  enabled?: boolean;
  /** Called when the store fails; the call then goes on as a miss (default: a process warning). */
  onStoreError?: (error: unknown) => void;
}

/** Set on responses that came from the cache. */
/** A response from the cache: `cached: true`, a zero `cost`, and what was saved in `cacheInfo`. */
export type CachedChatResponse = ChatResponse & { cached: true; cacheInfo: CacheInfo };

export interface CacheStats {
  hits: number;
  misses: number;
  /** Responses written to the store. */
  stores: number;
  /** Dollars the hits saved: the sum of the original calls' costs. */
  costSaved: number;
  /** hits / (hits + misses), 0 before any lookup. */
  hitRate: number;
}

export interface ResponseCacheMiddleware extends Middleware {
  /** Counts for this process since the middleware was created or `resetStats` was called. */
  stats(): CacheStats;
  resetStats(): void;
}

/**
 * An exact-match response cache. A call whose normalized request (see `createCacheKey`) was
 * answered before gets that answer again without calling the vendor, for chat and stream alike
 * (a cached answer replays as a stream). Hits report `cached: true`, a zero `cost` and
 * `cacheInfo.costSaved`. Only complete answers are stored, never errors or cut streams.
 */
export function responseCache(options: ResponseCacheOptions = {}): ResponseCacheMiddleware {
  const store = options.store ?? createMemoryCacheStore();
  const ttlMs = options.ttlMs ?? 3_600_000;
  const enabled = options.enabled ?? true;
  const onStoreError = options.onStoreError ?? warnOnce();
  let hits = 0;
  let misses = 0;
  let stores = 0;
  let savedPicodollars = 0n;

  async function lookup(context: CallContext, decision: CacheDecision, key: string) {
    if (!decision.read) return undefined;
    let entry: CacheEntry | undefined;
    try {
      const found = store.get(key);
      entry = isPromiseLike(found) ? await found : found;
    } catch (error) {
      onStoreError(error);
    }
    if (!entry) {
      misses += 1;
      return undefined;
    }
    hits += 1;
    const costSaved = entry.response.cost?.total;
    if (costSaved !== undefined)
      // Savings add up in integer picodollars so many tiny costs sum exactly.
      savedPicodollars += toPicodollars(costSaved);
    const state: CacheState = { hit: true, key, costSaved };
    context.state.set(CACHE_STATE_KEY, state);
    return entry;
  }

  async function save(
    context: CallContext,
    decision: CacheDecision,
    key: string,
    response: ChatResponse,
  ) {
    const state: CacheState = { hit: false, key };
    context.state.set(CACHE_STATE_KEY, state);
    if (!decision.write || response.finishReason === 'error') return;
    // A response from another cache layer carries its hit details; the stored answer must not.
    // Most responses carry none, and are stored as they are rather than copied first.
    let fresh = response;
    if ('cached' in response || 'cacheInfo' in response) {
      const { cached: _cached, cacheInfo: _cacheInfo, ...rest } = response;
      fresh = rest;
    }
    try {
      const stored = store.set(key, { response: fresh, storedAt: Date.now() }, decision.ttlMs);
      if (isPromiseLike(stored)) await stored;
      stores += 1;
    } catch (error) {
      onStoreError(error);
    }
  }

  return {
    name: 'response-cache',

    stats() {
      const lookups = hits + misses;
      return {
        hits,
        misses,
        stores,
        costSaved: fromPicodollars(savedPicodollars),
        hitRate: lookups === 0 ? 0 : hits / lookups,
      };
    },

    resetStats() {
      hits = 0;
      misses = 0;
      stores = 0;
      savedPicodollars = 0n;
    },

    async chat(context, next): Promise<ChatResponse> {
      const decision = readCacheOptions(context.request, enabled, ttlMs);
      if (!decision.read && !decision.write) return next(context);
      const started = performance.now();
      const key = createCacheKey(context);
      const entry = await lookup(context, decision, key);
      if (entry) return asHit(entry, key, performance.now() - started);
      const response = await next(context);
      await save(context, decision, key, response);
      return response;
    },

    stream(context, next): AsyncIterable<StreamEvent> {
      const decision = readCacheOptions(context.request, enabled, ttlMs);
      if (!decision.read && !decision.write) return next(context);
      const started = performance.now();
      const key = createCacheKey(context);
      // A hit replays the stored response; a miss joins the vendor's stream and stores its
      // finished response before the reader sees the finish event.
      let hit = false;
      return FusedStream.from(
        async () => {
          const entry = await lookup(context, decision, key);
          hit = entry !== undefined;
          return entry
            ? replayCachedStream(asHit(entry, key, performance.now() - started))
            : next(context);
        },
        {
          item(event, emit) {
            // Saving records the cache outcome in the call state at once, before outer
            // middleware (tracing, logging) see the finish event.
            const saving =
              event.type === 'finish' && !hit
                ? save(context, decision, key, event.response)
                : undefined;
            emit(event);
            return saving;
          },
        },
      );
    },
  };
}

function asHit(entry: CacheEntry, key: string, latencyMs: number): CachedChatResponse {
  return {
    ...entry.response,
    cached: true,
    cost: zeroCost(),
    latencyMs,
    cacheInfo: {
      key,
      storedAt: entry.storedAt,
      ageMs: Math.max(0, Date.now() - entry.storedAt),
      costSaved: entry.response.cost?.total,
    },
  };
}

function warnOnce(): (error: unknown) => void {
  let warned = false;
  return (error) => {
    if (warned) return;
    warned = true;
    const message = error instanceof Error ? error.message : String(error);
    process.emitWarning(
      `@stratum/middleware responseCache: the cache store failed (${message}); calls go to the vendor uncached until it recovers.`,
    );
  };
}
