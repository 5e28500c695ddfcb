import type { BudgetStore } from '../budgets/budget-store.js';
import type { CallRecord } from '../records/call-record.js';

export type TimeBucket = 'hour' | 'day' | 'month';

/** What a query can group by: provider, model, a tag key (`tag:user`) or a time bucket. */
export type GroupBy = 'provider' | 'model' | TimeBucket | `tag:${string}`;

export interface UsageFilter {
  provider?: string | string[];
  /** Catalog ids (`openai/gpt-4.1-mini`). */
  model?: string | string[];
  /** Every listed tag must match. */
  tags?: Record<string, string>;
}

export interface UsageQuery {
  /** Inclusive start (`Date` or `Date.now()` milliseconds); default: the beginning. */
  from?: Date | number;
  /** Exclusive end; default: just after now, so calls recorded this millisecond count. */
  to?: Date | number;
  filter?: UsageFilter;
  groupBy?: GroupBy[];
  /** IANA time zone for time buckets (default `UTC`). */
  timeZone?: string;
}

/** The normalized query a store answers: times as milliseconds, time buckets as ranges. */
export interface ResolvedQuery {
  from: number;
  to: number;
  filter: UsageFilter;
  groupBy: GroupBy[];
  /** The query's time buckets, in order; one covering [from, to) when it groups by none. */
  buckets: TimeRange[];
}

export interface TimeRange {
  /** The bucket's label in the query's time zone (`2026-03-01`, `2026-03-01T14`, `2026-03`). */
  label: string;
  start: number;
  end: number;
}

export interface TokenTotals {
  input: number;
  cacheRead: number;
  cacheWrite: number;
  output: number;
  reasoning: number;
}

/** Exact sums in integer picodollars. */
export interface CostTotals {
  input: bigint;
  cacheRead: bigint;
  cacheWrite: bigint;
  output: bigint;
  reasoning: bigint;
  total: bigint;
}

export interface UsageGroup {
  /** The group's values, by `groupBy` entry (`{ model: 'openai/gpt-4.1-mini', day: '2026-03-01' }`). */
  key: Partial<Record<GroupBy, string>>;
  calls: number;
  /** Failed calls by error class. */
  errors: Record<string, number>;
  cacheHits: number;
  /** Calls whose usage is an estimate (cut streams). */
  estimatedCalls: number;
  tokens: TokenTotals;
  /** Exact, in picodollars. */
  cost: CostTotals;
  /** `cost.total` in dollars, for display. */
  costUsd: number;
  latencyMs: { average: number; p50: number; p95: number };
}

export interface ListOptions {
  from?: Date | number;
  to?: Date | number;
  filter?: UsageFilter;
  /** Records per page (default 100, at most 10,000). */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

export interface RecordPage {
  records: CallRecord[];
  /** Pass as `cursor` for the next page; undefined on the last one. */
  nextCursor: string | undefined;
}

/**
 * Where call records live. `write` must make the record durable before it returns (or before
 * its promise settles): the middleware hands the response back only after it.
 * Postgres or another database can implement this later.
 */
export interface RecordStore {
  write(record: CallRecord): void | Promise<void>;
  /** Many records at once (imports, benchmarks): one transaction where the store has them. */
  writeMany(records: Iterable<CallRecord>): void | Promise<void>;
  query(query: ResolvedQuery): UsageGroup[] | Promise<UsageGroup[]>;
  /** Newest first, one page at a time. */
  list(options: ListOptions): RecordPage | Promise<RecordPage>;
  /** Every matching record, oldest first, read in pages so memory stays flat. */
  scan(options: Omit<ListOptions, 'cursor'>): AsyncIterable<CallRecord>;
  /** Deletes records older than `before`; returns how many. */
  deleteBefore(before: number): number | Promise<number>;
  /** The budget counters kept next to the records, used unless the tracker is given another. */
  readonly budgets: BudgetStore;
  close(): void | Promise<void>;
}
