export interface BackoffSettings {
  baseDelayMs: number;
  maxDelayMs: number;
  /** A number in [0, 1); `Math.random` outside tests. */
  random: () => number;
}

/**
 * Exponential backoff with full jitter: a uniform wait in [0, min(max, base * 2^(attempt-1))).
 * Full jitter spreads clients that failed together across the whole window, so they do not come
 * back in lockstep (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
 *
 * @param failedAttempt The attempt that just failed, starting at 1.
 */
export function computeBackoffDelay(failedAttempt: number, settings: BackoffSettings): number {
  const exponent = Math.max(0, failedAttempt - 1);
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** exponent);
  return Math.floor(settings.random() * ceiling);
}

/**
 * The wait after a vendor said how long to wait: the hint itself plus up to 10% more (at most
 * one second), so clients told the same instant do not all return at that instant.
 */
export function jitterHint(hintMs: number, random: () => number): number {
  return Math.ceil(hintMs + random() * Math.min(hintMs * 0.1, 1_000));
}
