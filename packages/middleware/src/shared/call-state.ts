import type { CallContext } from '@stratum/core';
import { isRecord } from '@stratum/core/provider-kit';

/**
 * Keys under which the middleware of this package leave facts in `context.state` for each
 * other (logging reads the retry attempts and the cache outcome; retry reads the deadline the
 * timeout middleware set). Strings rather than symbols so two copies of the package agree.
 */
export const RETRY_STATE_KEY = 'stratum.retry';
export const CACHE_STATE_KEY = 'stratum.cache';
export const DEADLINE_STATE_KEY = 'stratum.deadline';

/** One failed attempt, as the retry middleware saw it. */
export interface AttemptRecord {
  attempt: number;
  durationMs: number;
  errorCode: string;
  status: number | undefined;
  /** How long the middleware waited before the next attempt; absent for the last one. */
  delayMs?: number;
}

/** Why the retry middleware stopped retrying and let the error through. */
export type RetryStopReason =
  | 'not-retryable'
  | 'max-attempts'
  | 'deadline'
  | 'budget-exhausted'
  | 'retry-after-too-long'
  | 'aborted'
  | 'after-first-event';

export interface RetryState {
  /** Attempts made so far, the successful one included. */
  attempts: number;
  /** The failed attempts, in order. */
  failures: AttemptRecord[];
  stopReason?: RetryStopReason;
}

export interface CacheState {
  hit: boolean;
  key: string;
  /** Dollars the hit saved (the original call's cost), when its price was known. */
  costSaved?: number;
}

/** The retry middleware's record of this call, if it ran. */
export function readRetryState(context: CallContext): RetryState | undefined {
  const value = context.state.get(RETRY_STATE_KEY);
  return isRetryState(value) ? value : undefined;
}

/** The response cache's outcome for this call, if it ran. */
export function readCacheState(context: CallContext): CacheState | undefined {
  const value = context.state.get(CACHE_STATE_KEY);
  return isCacheState(value) ? value : undefined;
}

/** The absolute deadline (`performance.now()` clock) a timeout middleware set for the call. */
export function readDeadline(context: CallContext): number | undefined {
  const value = context.state.get(DEADLINE_STATE_KEY);
  return typeof value === 'number' ? value : undefined;
}

function isRetryState(value: unknown): value is RetryState {
  return (
    isRecord(value) && typeof value['attempts'] === 'number' && Array.isArray(value['failures'])
  );
}

function isCacheState(value: unknown): value is CacheState {
  return isRecord(value) && typeof value['hit'] === 'boolean' && typeof value['key'] === 'string';
}
