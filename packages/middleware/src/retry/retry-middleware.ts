import {
  abortErrorFor,
  type CallContext,
  type ChatResponse,
  ConfigurationError,
  FusedStream,
  type Middleware,
  StratumError,
  type StreamEvent,
} from '@stratum/core';
import {
  type AttemptRecord,
  RETRY_STATE_KEY,
  type RetryState,
  readDeadline,
} from '../shared/call-state.js';
import { isPromiseLike } from '../shared/is-promise-like.js';
import { sleep as defaultSleep } from '../shared/sleep.js';
import { planRetry, type RetryPolicy } from './plan-retry.js';
import { createRetryBudget, type RetryBudget } from './retry-budget.js';

export interface RetryOptions {
  /** Attempts in all, the first included (default 3). 1 turns retries off. */
  maxAttempts?: number;
  /** The first backoff window (default 500 ms); it doubles with each failure. */
  baseDelayMs?: number;
  /** The largest backoff window (default 20 s). */
  maxDelayMs?: number;
  /**
   * The whole call, waits included, must end within this (default none). A retry whose wait
   * would cross it is not made. A `timeout({ totalMs })` inside this middleware sets one too.
   */
  deadlineMs?: number;
  /** The longest vendor wait hint honoured (default 60 s); a longer one ends the retries. */
  retryAfterCapMs?: number;
  /**
   * Caps retries to a share of traffic (default: `createRetryBudget()`, 10% of calls plus one
   * retry per second over 10 s, per provider). `false` turns the cap off.
   */
  budget?: RetryBudget | false;
  /** How a budget is keyed (default: the provider name, since outages are per vendor). */
  budgetKey?: (context: CallContext) => string;
  /** For tests: the wait between attempts. */
  sleep?: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
  /** For tests: a number in [0, 1) for the jitter. */
  random?: () => number;
  /** For tests: a monotonic clock in milliseconds. */
  now?: () => number;
}

/**
 * Retries failed calls with exponential backoff and full jitter, within a retry budget.
 * Put it before `timeout` and `rateLimit` in the middleware list so each attempt gets its own
 * timeout and its own rate-limit slot. Streams are retried only until their first event has
 * reached the caller: after that the caller gets the error, never text twice.
 *
 * Sets `context.attempt` and records every attempt in `context.state` (see `readRetryState`).
 */
export function retry(options: RetryOptions = {}): Middleware {
  const policy: RetryPolicy = {
    maxAttempts: options.maxAttempts ?? 3,
    baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 20_000,
    retryAfterCapMs: options.retryAfterCapMs ?? 60_000,
    random: options.random ?? Math.random,
  };
  validate(policy, options.deadlineMs);
  const budget = options.budget === false ? undefined : (options.budget ?? createRetryBudget());
  const budgetKey = options.budgetKey ?? ((context: CallContext) => context.model.provider);
  const wait = options.sleep ?? defaultSleep;
  const now = options.now ?? (() => performance.now());

  /** Starts a call: counts it in the budget and opens its record in `context.state`. */
  function begin(context: CallContext): Attempts | Promise<Attempts> {
    const state: RetryState = { attempts: 0, failures: [] };
    context.state.set(RETRY_STATE_KEY, state);
    const startedAt = now();
    const deposited = budget?.deposit(budgetKey(context));
    const ownDeadline =
      options.deadlineMs === undefined ? Number.POSITIVE_INFINITY : startedAt + options.deadlineMs;
    const attempts: Attempts = {
      state,
      next(): number {
        state.attempts += 1;
        context.attempt = state.attempts;
        return now();
      },
      /** Records the failure; returns the wait before the next attempt, or undefined to give up. */
      async failed(error, attemptStartedAt, delivered): Promise<number | undefined> {
        const record: AttemptRecord = {
          attempt: state.attempts,
          durationMs: now() - attemptStartedAt,
          errorCode: StratumError.is(error) ? error.code : 'unknown',
          status: StratumError.is(error) ? error.status : undefined,
        };
        state.failures.push(record);
        if (delivered) {
          state.stopReason = 'after-first-event';
          return undefined;
        }
        if (context.request.signal?.aborted) {
          state.stopReason = 'aborted';
          return undefined;
        }
        const deadline = Math.min(ownDeadline, readDeadline(context) ?? Number.POSITIVE_INFINITY);
        const plan = planRetry(error, state.attempts, deadline - now(), policy);
        if (!plan.retry) {
          state.stopReason = plan.reason;
          return undefined;
        }
        if (budget && !(await budget.tryWithdraw(budgetKey(context)))) {
          state.stopReason = 'budget-exhausted';
          return undefined;
        }
        record.delayMs = plan.delayMs;
        return plan.delayMs;
      },
    };
    // The memory budget counts at once; a shared one (Redis) is waited for.
    return isPromiseLike(deposited) ? Promise.resolve(deposited).then(() => attempts) : attempts;
  }

  async function pause(context: CallContext, milliseconds: number): Promise<void> {
    try {
      await wait(milliseconds, context.request.signal);
    } catch (reason) {
      throw abortErrorFor(reason, {
        provider: context.model.provider,
        model: context.model.name,
        id: context.model.id,
      });
    }
  }

  return {
    name: 'retry',

    async chat(context, next): Promise<ChatResponse> {
      const begun = begin(context);
      const attempts = isPromiseLike(begun) ? await begun : begun;
      for (;;) {
        const startedAt = attempts.next();
        try {
          return await next(context);
        } catch (error) {
          const delay = await attempts.failed(error, startedAt, false);
          if (delay === undefined) throw error;
          await pause(context, delay);
        }
      }
    },

    stream(context, next): AsyncIterable<StreamEvent> {
      let attempts: Attempts | undefined;
      let startedAt = 0;
      return FusedStream.retrying(
        async () => {
          attempts ??= await begin(context);
          startedAt = attempts.next();
          return next(context);
        },
        async (error, delivered) => {
          // A failure in `begin` (an aborted call) has no attempt to record.
          if (!attempts) return false;
          const delay = await attempts.failed(error, startedAt, delivered);
          if (delay === undefined) return false;
          await pause(context, delay);
          return true;
        },
      );
    },
  };
}

interface Attempts {
  state: RetryState;
  /** Marks the start of the next attempt; returns its start time. */
  next(): number;
  failed(error: unknown, attemptStartedAt: number, delivered: boolean): Promise<number | undefined>;
}

function validate(policy: RetryPolicy, deadlineMs: number | undefined): void {
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new ConfigurationError(
      `retry: maxAttempts must be a whole number of at least 1 (got ${policy.maxAttempts}); it counts the first attempt, so 3 means two retries.`,
    );
  }
  for (const [name, value] of [
    ['baseDelayMs', policy.baseDelayMs],
    ['maxDelayMs', policy.maxDelayMs],
    ['retryAfterCapMs', policy.retryAfterCapMs],
    ['deadlineMs', deadlineMs ?? 0],
  ] as const) {
    if (!(value >= 0) || !Number.isFinite(value)) {
      throw new ConfigurationError(
        `retry: ${name} must be a finite number of milliseconds, 0 or more (got ${value}).`,
      );
    }
  }
}
