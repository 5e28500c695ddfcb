import type { DatabaseSync } from 'node:sqlite';
import {
  type BudgetCounter,
  type BudgetStore,
  type CounterState,
  ROLLING_SLOTS,
  slotOf,
} from '../budgets/budget-store.js';
import { integer } from './sqlite-rows.js';

/**
 * Budget counters in the tracker's SQLite file. Every operation is one `BEGIN IMMEDIATE`
 * transaction, which takes the database's write lock before reading: two processes on the
 * same file queue on it (up to `busy_timeout`), so both can never see the same remaining
 * amount and both spend it.
 */
export function createSqliteBudgetStore(database: DatabaseSync): BudgetStore {
  const spentOf = database.prepare(
    'SELECT coalesce(SUM(amount), 0) AS amount FROM budget_spend WHERE key = ? AND slot > ?',
  );
  const reservedOf = database.prepare(
    'SELECT coalesce(SUM(amount), 0) AS amount FROM budget_reservations WHERE key = ?',
  );
  const dropExpired = database.prepare(
    'DELETE FROM budget_reservations WHERE key = ? AND expires_at <= ?',
  );
  const dropOldSlots = database.prepare('DELETE FROM budget_spend WHERE key = ? AND slot <= ?');
  const hold = database.prepare(
    'INSERT OR REPLACE INTO budget_reservations (key, id, amount, expires_at) VALUES (?, ?, ?, ?)',
  );
  const drop = database.prepare('DELETE FROM budget_reservations WHERE key = ? AND id = ?');
  const spend = database.prepare(`
    INSERT INTO budget_spend (key, slot, amount, expires_at) VALUES (?, ?, ?, ?)
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount`);
  const alert = database.prepare(
    'INSERT OR IGNORE INTO budget_alerts (key, threshold, expires_at) VALUES (?, ?, ?)',
  );

  function transaction<T>(work: () => T): T {
    database.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      database.exec('COMMIT');
      return result;
    } catch (error) {
      database.exec('ROLLBACK');
      throw error;
    }
  }

  function stateOf(counter: BudgetCounter, now: number): CounterState {
    dropExpired.run(counter.key, now);
    const oldest = counter.windowMs > 0 ? slotOf(now, counter.windowMs) - ROLLING_SLOTS : -1;
    if (counter.windowMs > 0) dropOldSlots.run(counter.key, oldest);
    const spent = integer(spentOf.get(counter.key, oldest) ?? {}, 'amount');
    const reserved = integer(reservedOf.get(counter.key) ?? {}, 'amount');
    return { key: counter.key, spent, reserved };
  }

  return {
    reserve(counters, reservation, now) {
      return transaction(() => {
        for (const [index, counter] of counters.entries()) {
          if (!counter.hard) continue;
          const state = stateOf(counter, now);
          if (state.spent + state.reserved + reservation.amount > counter.limit) {
            return { ok: false as const, index, state };
          }
        }
        for (const counter of counters) {
          if (counter.hard) {
            hold.run(counter.key, reservation.id, reservation.amount, reservation.expiresAt);
          }
        }
        return { ok: true as const };
      });
    },
    settle(counters, reservationId, amount, now) {
      return transaction(() =>
        counters.map((counter) => {
          drop.run(counter.key, reservationId);
          const slot = counter.windowMs > 0 ? slotOf(now, counter.windowMs) : 0;
          spend.run(counter.key, slot, amount, counter.expiresAt);
          return stateOf(counter, now);
        }),
      );
    },
    release(counters, reservationId) {
      transaction(() => {
        for (const counter of counters) drop.run(counter.key, reservationId);
      });
    },
    read(counters, now) {
      return transaction(() => counters.map((counter) => stateOf(counter, now)));
    },
    markAlert(key, threshold, expiresAt) {
      return alert.run(key, threshold, expiresAt).changes === 1;
    },
  };
}
