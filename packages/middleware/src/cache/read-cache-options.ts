import type { ChatRequest } from '@stratum/core';
import { isRecord } from '@stratum/core/provider-kit';

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
  const control = request.cache;
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
