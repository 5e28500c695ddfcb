import type { ChatRequest } from '@stratum/core';
import { isRecord } from '@stratum/core/provider-kit';

/**
 * Per-request cache control, in `request.providerOptions.stratum.cache`:
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

export interface CacheDecision {
  read: boolean;
  write: boolean;
  ttlMs: number;
}

export function readCacheOptions(
  request: ChatRequest,
  enabled: boolean,
  defaultTtlMs: number,
): CacheDecision {
  const control = request.providerOptions?.['stratum']?.['cache'];
  if (control === true) return { read: true, write: true, ttlMs: defaultTtlMs };
  if (control === false) return { read: false, write: false, ttlMs: defaultTtlMs };
  if (isRecord(control)) {
    const ttlMs = control['ttlMs'];
    return {
      read: control['bypass'] !== true,
      write: control['noStore'] !== true,
      ttlMs: typeof ttlMs === 'number' && ttlMs > 0 ? ttlMs : defaultTtlMs,
    };
  }
  return { read: enabled, write: enabled, ttlMs: defaultTtlMs };
}
