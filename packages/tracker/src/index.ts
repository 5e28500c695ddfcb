export {
  CSV_COLUMNS,
  formatUsd,
  recordsToCsv,
  recordsToJsonLines,
} from './analytics/export-records.js';
export { latencyBin, quantileOf } from './analytics/latency-histogram.js';
export {
  Budget,
  type BudgetOptions,
  type BudgetScope,
  type BudgetStatus,
  budget,
} from './budgets/budget.js';
export type { AlertHandler, BudgetAlert } from './budgets/budget-alert.js';
export type { BudgetPeriod } from './budgets/budget-period.js';
export {
  type BudgetCounter,
  type BudgetStore,
  type CounterState,
  type Reservation,
  type ReserveOutcome,
  ROLLING_SLOTS,
  slotOf,
} from './budgets/budget-store.js';
export type { ReservationOptions } from './budgets/estimate-reservation.js';
export { createMemoryBudgetStore } from './budgets/memory-budget-store.js';
export { createWebhookSender, type WebhookSenderOptions } from './budgets/webhook-sender.js';
export {
  createTracker,
  type SummaryOptions,
  type Tracker,
  type TrackerOptions,
  type UsageSummary,
} from './create-tracker.js';
export {
  type CallRecord,
  type CostPicodollars,
  picodollarsToUsd,
  usdToPicodollars,
} from './records/call-record.js';
export { tagsOf } from './records/tags-of.js';
export { createSqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.js';
export { createMemoryStore } from './stores/memory-store.js';
export type {
  CostTotals,
  GroupBy,
  ListOptions,
  RecordPage,
  RecordStore,
  ResolvedQuery,
  TimeBucket,
  TimeRange,
  TokenTotals,
  UsageFilter,
  UsageGroup,
  UsageQuery,
} from './stores/record-store.js';
