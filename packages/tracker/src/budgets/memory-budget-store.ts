import {
  type BudgetCounter,
  type BudgetStore,
  type CounterState,
  ROLLING_SLOTS,
  slotOf,
} from './budget-store.js';

interface Counter {
  /** Spend by slot (a single slot 0 for calendar periods and totals). */
  spend: Map<number, number>;
  reservations: Map<string, { amount: number; expiresAt: number }>;
}

/** Budget counters in this process's memory: exact within one process, not shared. */
export function createMemoryBudgetStore(): BudgetStore {
  const counters = new Map<string, Counter>();
  const alerts = new Map<string, number>();

  function counterFor(key: string, now: number): Counter {
    let counter = counters.get(key);
    if (!counter) {
      counter = { spend: new Map(), reservations: new Map() };
      counters.set(key, counter);
    }
    for (const [id, reservation] of counter.reservations) {
      if (reservation.expiresAt <= now) counter.reservations.delete(id);
    }
    return counter;
  }

  function stateOf(definition: BudgetCounter, now: number): CounterState {
    const counter = counterFor(definition.key, now);
    let spent = 0;
    const oldest = definition.windowMs > 0 ? slotOf(now, definition.windowMs) - ROLLING_SLOTS : -1;
    for (const [slot, amount] of counter.spend) {
      if (slot <= oldest) counter.spend.delete(slot);
      else spent += amount;
    }
    let reserved = 0;
    for (const reservation of counter.reservations.values()) reserved += reservation.amount;
    return { key: definition.key, spent, reserved };
  }

  return {
    reserve(definitions, reservation, now) {
      for (const [index, definition] of definitions.entries()) {
        if (!definition.hard) continue;
        const state = stateOf(definition, now);
        if (state.spent + state.reserved + reservation.amount > definition.limit) {
          return { ok: false, index, state };
        }
      }
      for (const definition of definitions) {
        if (!definition.hard) continue;
        counterFor(definition.key, now).reservations.set(reservation.id, {
          amount: reservation.amount,
          expiresAt: reservation.expiresAt,
        });
      }
      return { ok: true };
    },
    settle(definitions, reservationId, amount, now) {
      return definitions.map((definition) => {
        const counter = counterFor(definition.key, now);
        counter.reservations.delete(reservationId);
        const slot = definition.windowMs > 0 ? slotOf(now, definition.windowMs) : 0;
        counter.spend.set(slot, (counter.spend.get(slot) ?? 0) + amount);
        return stateOf(definition, now);
      });
    },
    release(definitions, reservationId, now) {
      for (const definition of definitions) {
        counterFor(definition.key, now).reservations.delete(reservationId);
      }
    },
    read(definitions, now) {
      return definitions.map((definition) => stateOf(definition, now));
    },
    markAlert(key, threshold) {
      const id = `${key}|${threshold}`;
      if (alerts.has(id)) return false;
      alerts.set(id, threshold);
      return true;
    },
  };
}
