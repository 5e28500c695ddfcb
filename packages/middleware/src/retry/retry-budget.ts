import { ConfigurationError } from '@stratum/core';
import { createMemoryRetryBudgetStore } from './memory-retry-budget-store.js';
import type { RetryBudgetSettings, RetryBudgetStore } from './retry-budget-store.js';

export interface RetryBudget {
  readonly settings: RetryBudgetSettings;
  deposit(key: string): void | Promise<void>;
  tryWithdraw(key: string): boolean | Promise<boolean>;
}

export interface RetryBudgetOptions extends Partial<RetryBudgetSettings> {
  store?: RetryBudgetStore;
}

export const DEFAULT_RETRY_BUDGET: RetryBudgetSettings = {
  ratio: 0.1,
  minRetriesPerSecond: 1,
  windowMs: 10_000,
};

/** A retry budget; pass it to `retry({ budget })`, one per client or shared by several. */
export function createRetryBudget(options: RetryBudgetOptions = {}): RetryBudget {
  const settings: RetryBudgetSettings = {
    ratio: options.ratio ?? DEFAULT_RETRY_BUDGET.ratio,
    minRetriesPerSecond: options.minRetriesPerSecond ?? DEFAULT_RETRY_BUDGET.minRetriesPerSecond,
    windowMs: options.windowMs ?? DEFAULT_RETRY_BUDGET.windowMs,
  };
  if (!(settings.ratio >= 0 && settings.ratio <= 1)) {
    throw new ConfigurationError(
      `createRetryBudget: ratio must be between 0 and 1 (got ${settings.ratio}); 0.1 lets one call in ten be retried.`,
    );
  }
  if (!(settings.minRetriesPerSecond >= 0)) {
    throw new ConfigurationError(
      `createRetryBudget: minRetriesPerSecond must be 0 or more (got ${settings.minRetriesPerSecond}).`,
    );
  }
  if (!(settings.windowMs >= 1_000)) {
    throw new ConfigurationError(
      `createRetryBudget: windowMs must be at least 1000 (got ${settings.windowMs}); 10000 is usual.`,
    );
  }
  const store = options.store ?? createMemoryRetryBudgetStore();
  return {
    settings,
    deposit: (key) => store.deposit(key, settings),
    tryWithdraw: (key) => store.withdraw(key, settings),
  };
}
