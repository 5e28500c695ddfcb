import { type CallContext, ConfigurationError } from '@stratum/core';
import { checkTimeZone } from '../analytics/time-zone.js';
import { picodollarsToUsd, usdToPicodollars } from '../records/call-record.js';
import { tagsOf } from '../records/tags-of.js';
import { type BudgetPeriod, checkPeriod, periodAt } from './budget-period.js';
import type { BudgetCounter, BudgetStore, CounterState } from './budget-store.js';

/**
 * Who a budget applies to: every call, each provider or model apart, one provider or model,
 * or each value of a tag (`{ tag: 'user' }`: one limit per user) or one value of it.
 */
export type BudgetScope =
  | 'global'
  | 'provider'
  | 'model'
  | { provider: string }
  | { model: string }
  | { tag: string; value?: string };

export interface BudgetOptions {
  /** Names the budget in errors, alerts and status (default: from period and scope). */
  name?: string;
  limitUsd: number;
  period: BudgetPeriod;
  /** IANA time zone of calendar periods (default `UTC`). */
  timeZone?: string;
  /** The first day of a `week` period: 0 Sunday … 6 Saturday (default 1, Monday). */
  weekStartsOn?: number;
  scope?: BudgetScope;
  /** `hard` (default) refuses calls that could pass the limit; `soft` only alerts. */
  mode?: 'hard' | 'soft';
  /** Fractions of the limit that raise an alert, once each per period (default 0.5, 0.8, 1). */
  alertThresholds?: number[];
}

export interface BudgetStatus {
  budget: string;
  /** `global`, or the scope and its value (`user=alice`, `model=openai/gpt-4.1`). */
  scope: string;
  mode: 'hard' | 'soft';
  limitUsd: number;
  spentUsd: number;
  reservedUsd: number;
  remainingUsd: number;
  /** Spent as a percentage of the limit (may pass 100 for a soft budget). */
  percentUsed: number;
  periodStart: number | undefined;
  resetsAt: number | undefined;
}

/** One counter a call draws on, with what is needed to describe it. */
export interface BoundCounter {
  budget: Budget;
  counter: BudgetCounter;
  scope: string;
  periodStart: number | undefined;
  resetsAt: number | undefined;
}

interface Binding {
  store: BudgetStore;
  now: () => number;
}

/** A spending limit; give it to `createTracker({ budgets })`, which enforces it. */
export class Budget {
  readonly name: string;
  readonly limit: number;
  readonly limitUsd: number;
  readonly period: BudgetPeriod;
  readonly scope: BudgetScope;
  readonly mode: 'hard' | 'soft';
  readonly timeZone: string;
  readonly weekStartsOn: number;
  readonly alertThresholds: readonly number[];
  #binding: Binding | undefined;

  constructor(options: BudgetOptions) {
    const where = `budget(${options.name ?? ''})`;
    if (!(options.limitUsd >= 0 && Number.isFinite(options.limitUsd))) {
      throw new ConfigurationError(
        `${where}: limitUsd must be a number of dollars, 0 or more (got ${options.limitUsd}).`,
      );
    }
    checkPeriod(options.period, where);
    this.timeZone = options.timeZone ?? 'UTC';
    checkTimeZone(this.timeZone);
    this.weekStartsOn = options.weekStartsOn ?? 1;
    if (
      !(Number.isInteger(this.weekStartsOn) && this.weekStartsOn >= 0 && this.weekStartsOn <= 6)
    ) {
      throw new ConfigurationError(`${where}: weekStartsOn must be 0 (Sunday) to 6 (Saturday).`);
    }
    if (options.mode !== undefined && options.mode !== 'hard' && options.mode !== 'soft') {
      throw new ConfigurationError(`${where}: mode must be 'hard' or 'soft'.`);
    }
    this.alertThresholds = [...(options.alertThresholds ?? [0.5, 0.8, 1])].sort((a, b) => a - b);
    if (this.alertThresholds.some((threshold) => !(threshold > 0 && Number.isFinite(threshold)))) {
      throw new ConfigurationError(
        `${where}: alertThresholds are fractions of the limit above 0, e.g. [0.5, 0.8, 1].`,
      );
    }
    this.limitUsd = options.limitUsd;
    this.limit = usdToPicodollars(options.limitUsd);
    this.period = options.period;
    this.scope = options.scope ?? 'global';
    this.mode = options.mode ?? 'hard';
    this.name = options.name ?? defaultName(this.period, this.scope);
  }

  /** @internal Called by `createTracker`; a budget belongs to one tracker. */
  bind(binding: Binding): void {
    if (this.#binding && this.#binding.store !== binding.store) {
      throw new ConfigurationError(
        `budget "${this.name}" is already used by another tracker; create one budget() per tracker.`,
      );
    }
    this.#binding = binding;
  }

  /** The scope value a call falls in, or undefined when the budget does not apply to it. */
  scopeOf(context: CallContext): string | undefined {
    const scope = this.scope;
    if (scope === 'global') return 'global';
    if (scope === 'provider') return `provider=${context.model.provider}`;
    if (scope === 'model') return `model=${context.model.id}`;
    if ('provider' in scope) {
      return context.model.provider === scope.provider ? `provider=${scope.provider}` : undefined;
    }
    if ('model' in scope)
      return context.model.id === scope.model ? `model=${scope.model}` : undefined;
    const value = tagsOf(context.request)[scope.tag];
    if (value === undefined || (scope.value !== undefined && value !== scope.value))
      return undefined;
    return `${scope.tag}=${value}`;
  }

  counterFor(scope: string, now: number): BoundCounter {
    const window = periodAt(this.period, now, this.timeZone, this.weekStartsOn);
    return {
      budget: this,
      scope,
      periodStart: window.start,
      resetsAt: window.resetsAt,
      counter: {
        key: `${this.name}|${scope}|${window.id}`,
        limit: this.limit,
        hard: this.mode === 'hard',
        windowMs: window.windowMs,
        expiresAt: window.expiresAt,
      },
    };
  }

  /**
   * Spent, reserved, remaining and percentage used in the current period. A budget with one
   * limit per provider, model or tag value needs the value: `status('alice')`.
   */
  async status(value?: string): Promise<BudgetStatus> {
    const binding = this.#binding;
    if (!binding) {
      throw new ConfigurationError(
        `budget "${this.name}" is not enforced yet; pass it to createTracker({ budgets: [...] }).`,
      );
    }
    const now = binding.now();
    const bound = this.counterFor(this.scopeLabel(value), now);
    const [state] = await binding.store.read([bound.counter], now);
    return this.describe(bound, state ?? { key: bound.counter.key, spent: 0, reserved: 0 });
  }

  describe(bound: BoundCounter, state: CounterState): BudgetStatus {
    const spentUsd = picodollarsToUsd(state.spent);
    const reservedUsd = picodollarsToUsd(state.reserved);
    return {
      budget: this.name,
      scope: bound.scope,
      mode: this.mode,
      limitUsd: this.limitUsd,
      spentUsd,
      reservedUsd,
      remainingUsd: picodollarsToUsd(Math.max(0, this.limit - state.spent - state.reserved)),
      percentUsed:
        this.limit === 0 ? (state.spent > 0 ? 100 : 0) : (state.spent / this.limit) * 100,
      periodStart: bound.periodStart,
      resetsAt: bound.resetsAt,
    };
  }

  /** True when the budget has one counter, so `status()` needs no value. */
  get single(): boolean {
    const scope = this.scope;
    if (scope === 'global') return true;
    if (scope === 'provider' || scope === 'model') return false;
    return !('tag' in scope) || scope.value !== undefined;
  }

  scopeLabel(value: string | undefined): string {
    const scope = this.scope;
    if (scope === 'global') return 'global';
    if (typeof scope === 'object' && 'provider' in scope) return `provider=${scope.provider}`;
    if (typeof scope === 'object' && 'model' in scope) return `model=${scope.model}`;
    const fixed = typeof scope === 'object' ? scope.value : undefined;
    const chosen = value ?? fixed;
    if (chosen === undefined) {
      const dimension = typeof scope === 'object' ? scope.tag : scope;
      throw new ConfigurationError(
        `budget "${this.name}" keeps one limit per ${dimension}; say which: status('<${dimension}>').`,
      );
    }
    return `${typeof scope === 'object' ? scope.tag : scope}=${chosen}`;
  }
}

/** A spending limit per period and scope, e.g. `budget({ limitUsd: 100, period: 'month' })`. */
export function budget(options: BudgetOptions): Budget {
  return new Budget(options);
}

function defaultName(period: BudgetPeriod, scope: BudgetScope): string {
  const periodName = typeof period === 'object' ? `rolling-${period.rollingMs}ms` : period;
  if (scope === 'global') return periodName;
  if (typeof scope === 'string') return `${periodName}-per-${scope}`;
  if ('tag' in scope)
    return `${periodName}-${scope.value ? `${scope.tag}-${scope.value}` : `per-${scope.tag}`}`;
  return `${periodName}-${'provider' in scope ? scope.provider : scope.model}`;
}
