import { randomUUID } from 'node:crypto';
import { BudgetExceededError, type CallContext } from '@stratum/core';
import type { Logger } from '@stratum/middleware';
import { picodollarsToUsd } from '../records/call-record.js';
import type { BoundCounter, Budget } from './budget.js';
import { type AlertHandler, deliverAlert } from './budget-alert.js';
import type { BudgetStore, CounterState } from './budget-store.js';
import { type ReservationOptions, worstCaseCost } from './estimate-reservation.js';

/** The money one call holds on its budgets between reserve and settle or release. */
export interface HeldReservation {
  id: string;
  bound: BoundCounter[];
  amount: number;
}

export interface EnforcerOptions {
  store: BudgetStore;
  now: () => number;
  reservation: ReservationOptions;
  onAlert: AlertHandler[];
  logger: Logger | undefined;
}

const DEFAULT_TTL_MS = 15 * 60_000;

/** Reserves a call's worst case on every budget it falls under, then settles or releases it. */
export class BudgetEnforcer {
  readonly #budgets: readonly Budget[];
  readonly #options: EnforcerOptions;
  /** Thresholds already alerted, so the store is asked once per process. */
  readonly #alerted = new Set<string>();

  constructor(budgets: readonly Budget[], options: EnforcerOptions) {
    this.#budgets = budgets;
    this.#options = options;
  }

  /** Throws `BudgetExceededError` before the call starts when a hard budget cannot cover it. */
  async reserve(context: CallContext): Promise<HeldReservation | undefined> {
    if (this.#budgets.length === 0) return undefined;
    const now = this.#options.now();
    const bound: BoundCounter[] = [];
    for (const budget of this.#budgets) {
      const scope = budget.scopeOf(context);
      if (scope !== undefined) bound.push(budget.counterFor(scope, now));
    }
    if (bound.length === 0) return undefined;
    const hard = bound.some((entry) => entry.counter.hard);
    const amount = hard
      ? await worstCaseCost(context.request, context.model, this.#options.reservation)
      : 0;
    const id = randomUUID();
    const outcome = await this.#options.store.reserve(
      bound.map((entry) => entry.counter),
      { id, amount, expiresAt: now + (this.#options.reservation.ttlMs ?? DEFAULT_TTL_MS) },
      now,
    );
    if (!outcome.ok) {
      const blocked = bound[outcome.index];
      if (blocked) throw exceeded(blocked, outcome.state, amount, context);
    }
    return { id, bound, amount };
  }

  /** Spends the real cost (picodollars) and frees the rest of the reservation. */
  async settle(held: HeldReservation | undefined, cost: number): Promise<void> {
    if (!held) return;
    const states = await this.#options.store.settle(
      held.bound.map((entry) => entry.counter),
      held.id,
      cost,
      this.#options.now(),
    );
    await this.#alert(held.bound, states);
  }

  async release(held: HeldReservation | undefined): Promise<void> {
    if (!held) return;
    await this.#options.store.release(
      held.bound.map((entry) => entry.counter),
      held.id,
      this.#options.now(),
    );
  }

  async #alert(bound: readonly BoundCounter[], states: readonly CounterState[]): Promise<void> {
    for (const [index, entry] of bound.entries()) {
      const state = states[index];
      if (!state) continue;
      for (const threshold of entry.budget.alertThresholds) {
        if (state.spent < threshold * entry.counter.limit) break;
        const id = `${entry.counter.key}|${threshold}`;
        if (this.#alerted.has(id)) continue;
        this.#alerted.add(id);
        const first = await this.#options.store.markAlert(
          entry.counter.key,
          threshold,
          entry.counter.expiresAt,
        );
        if (!first) continue;
        await deliverAlert(
          { ...entry.budget.describe(entry, state), threshold },
          this.#options.onAlert,
          this.#options.logger,
        );
      }
    }
  }
}

function exceeded(
  blocked: BoundCounter,
  state: CounterState,
  requested: number,
  context: CallContext,
): BudgetExceededError {
  const { budget } = blocked;
  const scope = blocked.scope === 'global' ? budget.name : `${budget.name} (${blocked.scope})`;
  const details = {
    scope,
    limitUsd: budget.limitUsd,
    spentUsd: picodollarsToUsd(state.spent),
    reservedUsd: picodollarsToUsd(state.reserved),
    requestedUsd: picodollarsToUsd(requested),
    resetsAt: blocked.resetsAt,
  };
  const resets =
    details.resetsAt === undefined
      ? 'it is a total budget and does not reset; raise limitUsd to allow more'
      : `it resets at ${new Date(details.resetsAt).toISOString()}`;
  return new BudgetExceededError(
    `The budget ${scope} would be exceeded: limit $${details.limitUsd}, spent $${details.spentUsd}, reserved by running calls $${details.reservedUsd}, and this call may cost up to $${details.requestedUsd}; ${resets}.`,
    {
      provider: context.model.provider,
      model: context.model.name,
      retryable: false,
      budget: details,
    },
  );
}
