import { ConfigurationError } from '@stratum/core';
import { instantOf, wallClock } from '../analytics/time-zone.js';
import { ROLLING_SLOTS } from './budget-store.js';

/** Calendar periods in a time zone, a rolling window, or the whole history. */
export type BudgetPeriod = 'day' | 'week' | 'month' | 'total' | { rollingMs: number };

export interface PeriodWindow {
  /** Part of the counter key: the period's start, `rolling` or `total`. */
  id: string;
  start: number | undefined;
  /** When the period starts over; for a rolling window, when the oldest slot drops out. */
  resetsAt: number | undefined;
  windowMs: number;
  /** When the counter may be forgotten; 0 for never. */
  expiresAt: number;
}

const DAY_MS = 86_400_000;

export function checkPeriod(period: BudgetPeriod, where: string): void {
  if (typeof period === 'object') {
    if (!(Number.isInteger(period.rollingMs) && period.rollingMs >= ROLLING_SLOTS)) {
      throw new ConfigurationError(
        `${where}: period.rollingMs must be a whole number of milliseconds, at least ${ROLLING_SLOTS} (got ${period.rollingMs}); e.g. { rollingMs: 86_400_000 } for the last 24 hours.`,
      );
    }
    return;
  }
  if (!['day', 'week', 'month', 'total'].includes(period)) {
    throw new ConfigurationError(
      `${where}: period must be 'day', 'week', 'month', 'total' or { rollingMs } (got ${JSON.stringify(period)}).`,
    );
  }
}

/** The period holding `now`. Weeks start on `weekStartsOn` (0 Sunday … 6 Saturday). */
export function periodAt(
  period: BudgetPeriod,
  now: number,
  timeZone: string,
  weekStartsOn: number,
): PeriodWindow {
  if (period === 'total') {
    return { id: 'total', start: undefined, resetsAt: undefined, windowMs: 0, expiresAt: 0 };
  }
  if (typeof period === 'object') {
    const slotMs = period.rollingMs / ROLLING_SLOTS;
    return {
      id: `rolling${period.rollingMs}`,
      start: now - period.rollingMs,
      resetsAt: (Math.floor(now / slotMs) + 1) * slotMs,
      windowMs: period.rollingMs,
      expiresAt: 0,
    };
  }
  const clock = wallClock(now, timeZone);
  let start: number;
  let end: number;
  if (period === 'month') {
    start = instantOf(clock.year, clock.month, 1, 0, timeZone);
    end = instantOf(clock.year, clock.month + 1, 1, 0, timeZone);
  } else {
    const back = period === 'week' ? (clock.weekday - weekStartsOn + 7) % 7 : 0;
    const length = period === 'week' ? 7 : 1;
    start = instantOf(clock.year, clock.month, clock.day - back, 0, timeZone);
    end = instantOf(clock.year, clock.month, clock.day - back + length, 0, timeZone);
  }
  return { id: String(start), start, resetsAt: end, windowMs: 0, expiresAt: end + DAY_MS };
}
