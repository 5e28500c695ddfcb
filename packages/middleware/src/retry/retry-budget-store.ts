/**
 * How many retries the budget allows: `minRetriesPerSecond * windowMs / 1000 + ratio * calls`
 * over the sliding window, minus the retries already made in it. Finagle's RetryBudget and
 * gRPC's retry throttling work the same way: retries stay a bounded share of traffic, so an
 * outage does not multiply the load on a vendor that is already failing.
 */
export interface RetryBudgetSettings {
  /** Share of calls that may be retried (0.1 = one retry per ten calls). */
  ratio: number;
  /** Retries always allowed, whatever the traffic, so quiet apps can still retry. */
  minRetriesPerSecond: number;
  /** The sliding window the counts cover. */
  windowMs: number;
}

/**
 * Where the counts live. The memory store serves one process; `createRedisRetryBudgetStore`
 * from `@stratum/redis` shares one budget between processes. Both must make `withdraw` atomic.
 */
export interface RetryBudgetStore {
  /** Counts one call (its first attempt) under `key`. */
  deposit(key: string, settings: RetryBudgetSettings): void | Promise<void>;
  /** Counts one retry and returns true if the budget allows it; returns false (and counts nothing) otherwise. */
  withdraw(key: string, settings: RetryBudgetSettings): boolean | Promise<boolean>;
}

/** The tokens left: what `withdraw` checks (at least 1 to allow a retry). */
export function retryBudgetBalance(
  settings: RetryBudgetSettings,
  calls: number,
  retries: number,
): number {
  return (
    (settings.minRetriesPerSecond * settings.windowMs) / 1_000 + settings.ratio * calls - retries
  );
}
