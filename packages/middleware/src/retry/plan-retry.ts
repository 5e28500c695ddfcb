import { StratumError } from '@stratum/core';
import type { RetryStopReason } from '../shared/call-state.js';
import { computeBackoffDelay, jitterHint } from './compute-backoff-delay.js';
import { readRateLimitReset } from './read-rate-limit-reset.js';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  retryAfterCapMs: number;
  random: () => number;
}

export type RetryPlan =
  | { retry: true; delayMs: number }
  | { retry: false; reason: RetryStopReason };

/**
 * Decides whether a failed attempt is worth another, and after how long. The budget is asked
 * last, by the caller, so a call that stops for another reason spends none of it.
 *
 * Only errors that say `retryable: true` are retried: core marks 429, 408, 409, 5xx, overloaded,
 * network failures, timeouts and unreadable responses so; 400/401/403/404/422 and content
 * filters never are. A vendor's wait hint (Retry-After, retry-after-ms, or its rate-limit reset
 * headers) replaces the backoff; a hint longer than `retryAfterCapMs` stops the retries, since
 * the quota is gone for longer than a caller should be kept waiting.
 */
export function planRetry(
  error: unknown,
  failedAttempt: number,
  millisecondsLeft: number,
  policy: RetryPolicy,
): RetryPlan {
  if (!StratumError.is(error) || !error.retryable) return { retry: false, reason: 'not-retryable' };
  if (failedAttempt >= policy.maxAttempts) return { retry: false, reason: 'max-attempts' };
  const hint = waitHint(error);
  if (hint !== undefined && hint > policy.retryAfterCapMs) {
    return { retry: false, reason: 'retry-after-too-long' };
  }
  const delayMs =
    hint === undefined
      ? computeBackoffDelay(failedAttempt, policy)
      : jitterHint(hint, policy.random);
  if (delayMs >= millisecondsLeft) return { retry: false, reason: 'deadline' };
  return { retry: true, delayMs };
}

/** How long the vendor asked us to wait, if it did. */
export function waitHint(error: StratumError): number | undefined {
  if (error.retryAfterMs !== undefined) return error.retryAfterMs;
  if (error.code !== 'rate_limit') return undefined;
  return readRateLimitReset(error.headers);
}
