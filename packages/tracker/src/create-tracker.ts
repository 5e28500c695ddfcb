import type { Readable } from 'node:stream';
import { ConfigurationError, type Middleware } from '@stratum/core';
import { createJsonLinesLogger, type Logger } from '@stratum/middleware';
import { recordsToCsv, recordsToJsonLines } from './analytics/export-records.js';
import { resolveQuery } from './analytics/resolve-query.js';
import type { Budget, BudgetStatus } from './budgets/budget.js';
import type { AlertHandler } from './budgets/budget-alert.js';
import { BudgetEnforcer } from './budgets/budget-enforcer.js';
import type { BudgetStore } from './budgets/budget-store.js';
import type { ReservationOptions } from './budgets/estimate-reservation.js';
import { createSqliteStore } from './sqlite/sqlite-store.js';
import type {
  ListOptions,
  RecordPage,
  RecordStore,
  UsageGroup,
  UsageQuery,
} from './stores/record-store.js';
import { trackerMiddleware } from './tracker-middleware.js';

export interface TrackerOptions {
  /** Where records go (default: `createSqliteStore()`, the file `stratum-usage.db`). */
  store?: RecordStore;
  budgets?: Budget[];
  /** Where budget counters live (default: the record store's; `createRedisBudgetStore` to share). */
  budgetStore?: BudgetStore;
  /** How a call's worst case is reserved. */
  reservation?: ReservationOptions;
  /** Called once per budget threshold and period; see `createWebhookSender`. */
  onAlert?: AlertHandler | AlertHandler[];
  /** Alerts and failures are logged here (default: JSON lines on stderr). */
  logger?: Logger;
  /** The clock (default `Date.now`), for tests. */
  now?: () => number;
}

export interface UsageSummary {
  calls: number;
  errors: number;
  totalCostUsd: number;
  /** Exact, in picodollars. */
  totalCost: bigint;
  tokens: UsageGroup['tokens'];
  averageLatencyMs: number;
  p95LatencyMs: number;
  /** The budgets with one counter, and the per-value budgets for `budgetValues`. */
  budgets: BudgetStatus[];
}

export interface SummaryOptions {
  from?: Date | number;
  to?: Date | number;
  /** Scope values to report for budgets with one limit per provider, model or tag value. */
  budgetValues?: string[];
}

export interface Tracker {
  /** Add to `createClient({ middleware: [tracker.middleware, …] })`, first. */
  readonly middleware: Middleware;
  readonly store: RecordStore;
  readonly budgets: readonly Budget[];
  query(query?: UsageQuery): Promise<UsageGroup[]>;
  summary(options?: SummaryOptions): Promise<UsageSummary>;
  list(options?: ListOptions): Promise<RecordPage>;
  exportCsv(options?: Omit<ListOptions, 'cursor' | 'limit'>): Readable;
  exportJsonLines(options?: Omit<ListOptions, 'cursor' | 'limit'>): Readable;
  /** Deletes records older than this many days; returns how many. */
  deleteOlderThan(days: number): Promise<number>;
  close(): Promise<void>;
}

/** Records every call, answers analytics over them and enforces budgets. */
export function createTracker(options: TrackerOptions = {}): Tracker {
  const store = options.store ?? createSqliteStore();
  const budgetStore = options.budgetStore ?? store.budgets;
  const now = options.now ?? Date.now;
  const logger = options.logger ?? createJsonLinesLogger();
  const budgets = options.budgets ?? [];
  const names = new Set<string>();
  for (const each of budgets) {
    if (names.has(each.name)) {
      throw new ConfigurationError(
        `createTracker: two budgets are named "${each.name}"; give each a distinct name.`,
      );
    }
    names.add(each.name);
    each.bind({ store: budgetStore, now });
  }
  const onAlert = options.onAlert === undefined ? [] : [options.onAlert].flat();
  const enforcer = new BudgetEnforcer(budgets, {
    store: budgetStore,
    now,
    reservation: options.reservation ?? {},
    onAlert,
    logger,
  });
  const middleware = trackerMiddleware({ store, enforcer, now, logger });

  async function query(input: UsageQuery = {}): Promise<UsageGroup[]> {
    return store.query(resolveQuery(input, now()));
  }

  return {
    middleware,
    store,
    budgets,
    query,
    async summary(summaryOptions = {}) {
      const [total] = await query({ from: summaryOptions.from, to: summaryOptions.to });
      const statuses: BudgetStatus[] = [];
      for (const each of budgets) {
        if (each.single) statuses.push(await each.status());
        else
          for (const value of summaryOptions.budgetValues ?? []) {
            statuses.push(await each.status(value));
          }
      }
      return {
        calls: total?.calls ?? 0,
        errors: Object.values(total?.errors ?? {}).reduce((sum, count) => sum + count, 0),
        totalCostUsd: total?.costUsd ?? 0,
        totalCost: total?.cost.total ?? 0n,
        tokens: total?.tokens ?? { input: 0, cacheRead: 0, cacheWrite: 0, output: 0, reasoning: 0 },
        averageLatencyMs: total?.latencyMs.average ?? 0,
        p95LatencyMs: total?.latencyMs.p95 ?? 0,
        budgets: statuses,
      };
    },
    async list(listOptions = {}) {
      return store.list(listOptions);
    },
    exportCsv: (exportOptions = {}) => recordsToCsv(store.scan(exportOptions)),
    exportJsonLines: (exportOptions = {}) => recordsToJsonLines(store.scan(exportOptions)),
    async deleteOlderThan(days) {
      if (!(days >= 0 && Number.isFinite(days))) {
        throw new ConfigurationError(
          `tracker.deleteOlderThan: days must be 0 or more (got ${days}).`,
        );
      }
      return store.deleteBefore(now() - days * 86_400_000);
    },
    async close() {
      await store.close();
    },
  };
}
