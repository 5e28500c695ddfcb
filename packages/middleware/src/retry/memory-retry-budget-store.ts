import {
  type RetryBudgetSettings,
  type RetryBudgetStore,
  retryBudgetBalance,
} from './retry-budget-store.js';

/** The window is kept as this many buckets, so it slides in tenths rather than jumping whole. */
export const RETRY_BUDGET_BUCKETS = 10;

interface Bucket {
  /** `floor(now / bucketMs)` of the counts held; a bucket from an older slot is stale. */
  slot: number;
  calls: number;
  retries: number;
}

/** Retry budget counts for one process. */
export function createMemoryRetryBudgetStore(
  options: { now?: () => number } = {},
): RetryBudgetStore {
  const now = options.now ?? Date.now;
  const windows = new Map<string, Bucket[]>();

  function current(
    key: string,
    settings: RetryBudgetSettings,
  ): { buckets: Bucket[]; bucket: Bucket } {
    const bucketMs = settings.windowMs / RETRY_BUDGET_BUCKETS;
    const slot = Math.floor(now() / bucketMs);
    let buckets = windows.get(key);
    if (!buckets) {
      buckets = Array.from({ length: RETRY_BUDGET_BUCKETS }, () => ({
        slot: -1,
        calls: 0,
        retries: 0,
      }));
      windows.set(key, buckets);
    }
    const bucket = buckets[slot % RETRY_BUDGET_BUCKETS] ?? { slot, calls: 0, retries: 0 };
    if (bucket.slot !== slot) {
      bucket.slot = slot;
      bucket.calls = 0;
      bucket.retries = 0;
    }
    // Buckets older than the window are zeroed lazily: skip them when summing.
    for (const other of buckets) {
      if (other.slot <= slot - RETRY_BUDGET_BUCKETS) {
        other.calls = 0;
        other.retries = 0;
      }
    }
    return { buckets, bucket };
  }

  return {
    deposit(key, settings) {
      current(key, settings).bucket.calls += 1;
    },
    withdraw(key, settings) {
      const { buckets, bucket } = current(key, settings);
      let calls = 0;
      let retries = 0;
      for (const each of buckets) {
        calls += each.calls;
        retries += each.retries;
      }
      if (retryBudgetBalance(settings, calls, retries) < 1) return false;
      bucket.retries += 1;
      return true;
    },
  };
}
