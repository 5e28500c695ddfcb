/**
 * One budget's counter for one scope value and one period, e.g. the `monthly` budget of user
 * `alice` for March. Amounts are integer picodollars.
 */
export interface BudgetCounter {
  /** Unique per budget, scope value and period. */
  key: string;
  limit: number;
  /** Hard counters refuse a reservation that would pass the limit; soft ones only count. */
  hard: boolean;
  /** For rolling windows: spend older than this drops out (0 for calendar periods and totals). */
  windowMs: number;
  /** When the store may forget the counter (`Date.now()` clock); 0 for never. */
  expiresAt: number;
}

export interface CounterState {
  key: string;
  /** Settled spend in the period (or window). */
  spent: number;
  /** Held by running calls. */
  reserved: number;
}

export interface Reservation {
  id: string;
  /** Picodollars held on every hard counter. */
  amount: number;
  /** A reservation its process never settled (it crashed) stops holding money after this. */
  expiresAt: number;
}

export type ReserveOutcome = { ok: true } | { ok: false; index: number; state: CounterState };

/**
 * Where budget counters live. Each method is one atomic step across all the counters it is
 * given, including between processes for a shared store (SQLite `BEGIN IMMEDIATE`, a Redis Lua
 * script), so two calls can never both take the last of a budget.
 */
export interface BudgetStore {
  /**
   * If every hard counter has `spent + reserved + amount ≤ limit`, holds the amount on all of
   * them; otherwise holds nothing and returns the first counter that refused.
   */
  reserve(
    counters: readonly BudgetCounter[],
    reservation: Reservation,
    now: number,
  ): ReserveOutcome | Promise<ReserveOutcome>;
  /** Drops the reservation (if still held) and adds the real cost to every counter's spend. */
  settle(
    counters: readonly BudgetCounter[],
    reservationId: string,
    amount: number,
    now: number,
  ): CounterState[] | Promise<CounterState[]>;
  /** Drops the reservation without spending (the call failed or was cancelled). */
  release(
    counters: readonly BudgetCounter[],
    reservationId: string,
    now: number,
  ): void | Promise<void>;
  read(counters: readonly BudgetCounter[], now: number): CounterState[] | Promise<CounterState[]>;
  /** Marks a threshold as alerted for a counter; true only for the first caller, in any process. */
  markAlert(key: string, threshold: number, expiresAt: number): boolean | Promise<boolean>;
}

/** Rolling windows keep spend in this many slots, so the window slides in 1/60 steps. */
export const ROLLING_SLOTS = 60;

export function slotOf(now: number, windowMs: number): number {
  return Math.floor(now / (windowMs / ROLLING_SLOTS));
}
