import {
  type CallContext,
  type ChatResponse,
  ConfigurationError,
  FusedStream,
  InvalidResponseError,
  type Middleware,
  ProviderUnavailableError,
  RateLimitError,
  type ResolvedModel,
  type StreamEvent,
  TimeoutError,
} from '@stratum/core';
import { createJsonLinesLogger, type Logger } from '../logging/json-lines-logger.js';
import type {
  BreakerOutcome,
  BreakerState,
  CircuitBreakerSettings,
  CircuitBreakerStore,
} from './circuit-breaker-store.js';
import { createMemoryCircuitBreakerStore } from './memory-circuit-breaker-store.js';

export interface BreakerStateChange {
  key: string;
  from: BreakerState;
  to: BreakerState;
  /** The breaker's clock. */
  at: number;
}

export interface CircuitBreakerOptions {
  /** Availability failures within `windowMs` that open the circuit (default 5). */
  failureThreshold?: number;
  /** The sliding window failures are counted in (default 60 s). */
  windowMs?: number;
  /** How long an open circuit refuses calls before a probe may go (default 30 s). */
  cooldownMs?: number;
  /** Probes let through at once while half-open (default 1). */
  halfOpenMaxProbes?: number;
  /** One circuit per `'model'` (default), per `'provider'`, or per key you derive. */
  key?: 'model' | 'provider' | ((model: ResolvedModel) => string);
  /** Where circuits live (default in memory; `createRedisCircuitBreakerStore` shares them). */
  store?: CircuitBreakerStore;
  /**
   * Which errors count towards opening (default: the vendor's 5xx, overload, network failures,
   * timeouts, unreadable responses and its own 429s). Caller errors (4xx) never should.
   */
  isFailure?: (error: unknown) => boolean;
  /** Called on every state change. */
  onStateChange?: (change: BreakerStateChange) => void;
  /** Gets one line per state change (default: JSON lines on stderr); `false` for none. */
  logger?: Logger | false;
  /** Milliseconds since the epoch (default `Date.now`); shared stores need one clock for all. */
  now?: () => number;
}

export interface CircuitBreaker extends Middleware {
  /** The circuit key for a model. */
  keyFor(model: ResolvedModel): string;
  /** The state this process last saw for a key (`undefined` before its first call). */
  stateOf(key: string): BreakerState | undefined;
  /** Every key this process has seen, with its last seen state. */
  states(): Record<string, BreakerState>;
}

/** The vendor (not the caller) failed: what a circuit should count. */
export function isAvailabilityFailure(error: unknown): boolean {
  if (error instanceof RateLimitError) {
    // The client-side limiter refusing a call says nothing about the vendor.
    return !error.vendorCode?.startsWith('client_rate_limit');
  }
  if (error instanceof ProviderUnavailableError) return error.vendorCode !== CIRCUIT_OPEN;
  return error instanceof TimeoutError || error instanceof InvalidResponseError;
}

/** `vendorCode` of the error an open circuit raises. */
export const CIRCUIT_OPEN = 'circuit_open';

/**
 * Stops calling a vendor that keeps failing: after `failureThreshold` availability failures
 * within `windowMs` the circuit opens, and calls fail at once with a `ProviderUnavailableError`
 * (`vendorCode: 'circuit_open'`, not retryable) without a request, so a `fallback` outside it
 * moves on immediately. After `cooldownMs` the circuit is half-open: `halfOpenMaxProbes` probe
 * calls go through; a success closes it, a failure opens it again.
 *
 * Put it inside `retry` and `fallback`: it then counts every request to the vendor, and the open
 * circuit's error (not retryable) ends the retries at once so the fallback moves on.
 */
export function circuitBreaker(options: CircuitBreakerOptions = {}): CircuitBreaker {
  const settings: CircuitBreakerSettings = {
    failureThreshold: options.failureThreshold ?? 5,
    windowMs: options.windowMs ?? 60_000,
    cooldownMs: options.cooldownMs ?? 30_000,
    halfOpenMaxProbes: options.halfOpenMaxProbes ?? 1,
  };
  validate(settings);
  const store = options.store ?? createMemoryCircuitBreakerStore();
  const now = options.now ?? Date.now;
  const isFailure = options.isFailure ?? isAvailabilityFailure;
  const logger = options.logger === false ? undefined : (options.logger ?? createJsonLinesLogger());
  const keyOption = options.key ?? 'model';
  const keyFor =
    keyOption === 'model'
      ? (model: ResolvedModel) => model.id
      : keyOption === 'provider'
        ? (model: ResolvedModel) => model.provider
        : keyOption;
  const seen = new Map<string, BreakerState>();

  const changed = (key: string, from: BreakerState, to: BreakerState, at: number): void => {
    seen.set(key, to);
    if (from === to) return;
    const change: BreakerStateChange = { key, from, to, at };
    options.onStateChange?.(change);
    const event = { event: 'stratum.circuit', key, from, to };
    const message = `stratum circuit ${key} ${from} -> ${to}`;
    if (to === 'open') logger?.error(event, message);
    else logger?.info(event, message);
  };

  /** Admits the call or throws the open circuit's error; returns whether it is a probe. */
  async function admit(context: CallContext, key: string): Promise<boolean> {
    const time = now();
    const admission = await store.admit(key, settings, time);
    changed(key, admission.previous ?? seen.get(key) ?? admission.state, admission.state, time);
    if (admission.allowed) return admission.probe;
    const waitMs =
      admission.probeAt === undefined ? undefined : Math.max(0, admission.probeAt - time);
    throw new ProviderUnavailableError(
      `The circuit for ${key} is ${admission.state === 'open' ? 'open' : 'half-open with its probes out'} after ${settings.failureThreshold} availability failures within ${settings.windowMs} ms: no request was sent.${waitMs === undefined ? '' : ` A probe may go in ${waitMs} ms.`} Add a fallback({ models }) before circuitBreaker() to answer from another model meanwhile.`,
      {
        provider: context.model.provider,
        model: context.model.name,
        retryable: false,
        vendorCode: CIRCUIT_OPEN,
        retryAfterMs: waitMs,
      },
    );
  }

  async function record(key: string, outcome: BreakerOutcome, probe: boolean): Promise<void> {
    if (outcome === 'success' && !probe && seen.get(key) === 'closed') return;
    const time = now();
    const result = await store.record(key, outcome, probe, settings, time);
    changed(key, seen.get(key) ?? result.previous, result.state, time);
  }

  const outcomeOf = (error: unknown): BreakerOutcome => (isFailure(error) ? 'failure' : 'neutral');

  return {
    name: 'circuit-breaker',
    keyFor,
    stateOf: (key) => seen.get(key),
    states: () => Object.fromEntries(seen),

    async chat(context, next): Promise<ChatResponse> {
      const key = keyFor(context.model);
      const probe = await admit(context, key);
      let response: ChatResponse;
      try {
        response = await next(context);
      } catch (error) {
        await record(key, outcomeOf(error), probe);
        throw error;
      }
      await record(key, 'success', probe);
      return response;
    },

    stream(context, next): AsyncIterable<StreamEvent> {
      const key = keyFor(context.model);
      let probe = false;
      // A call the breaker turned away (open circuit) has no outcome to record.
      let recorded = true;
      const recordOnce = (outcome: BreakerOutcome): Promise<void> | undefined => {
        if (recorded) return undefined;
        recorded = true;
        return record(key, outcome, probe).catch(() => undefined);
      };
      return FusedStream.from(
        async () => {
          probe = await admit(context, key);
          recorded = false;
          return next(context);
        },
        {
          item(event, emit) {
            emit(event);
            // Recorded before the reader sees the finish, as a chat call is before it returns.
            if (event.type === 'finish') return recordOnce('success');
          },
          error(error) {
            void recordOnce(outcomeOf(error));
            return error;
          },
          close() {
            // A caller who stops reading early ends the stream here as `neutral`.
            void recordOnce('neutral');
          },
        },
      );
    },
  };
}

function validate(settings: CircuitBreakerSettings): void {
  for (const [name, value] of Object.entries(settings)) {
    const whole = name === 'failureThreshold' || name === 'halfOpenMaxProbes';
    if (!(value > 0) || !Number.isFinite(value) || (whole && !Number.isInteger(value))) {
      throw new ConfigurationError(
        `circuitBreaker: ${name} must be ${whole ? 'a whole number of at least 1' : 'a positive number of milliseconds'} (got ${value}).`,
      );
    }
  }
}
