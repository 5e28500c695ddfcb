/**
 * Per-request cache control, `request.cache`:
 *
 * - `true`: use the cache for this request even when the middleware has `enabled: false`;
 * - `false`: neither read nor write the cache;
 * - `{ bypass: true }`: skip the lookup (always call the vendor) but store the fresh answer;
 * - `{ noStore: true }`: answer from the cache if possible but do not store a miss;
 * - `{ ttlMs }`: keep this answer for this long instead of the middleware's `ttlMs`.
 *
 * An object opts the request in like `true` does.
 */
export type RequestCacheControl = boolean | { bypass?: boolean; noStore?: boolean; ttlMs?: number };

/** On a cache hit: where the answer came from and what it saved. */
export interface CacheInfo {
  key: string;
  /** When the response was first stored (`Date.now()`). */
  storedAt: number;
  ageMs: number;
  /** The dollars the original call cost, saved by this hit; undefined when its price was unknown. */
  costSaved: number | undefined;
}

// The cache's own request option and response fields are declared here, by the package that
// reads and writes them, rather than in core: core's types know nothing of any middleware.
declare module '@stratum/core' {
  interface ChatRequest {
    /** The response cache's control for this request (see `RequestCacheControl`). */
    cache?: RequestCacheControl;
  }
  interface ChatResponse {
    /** `true` when the response cache answered. */
    cached?: boolean;
    /** On a cache hit: where the answer came from and what it saved. */
    cacheInfo?: CacheInfo;
  }
}
