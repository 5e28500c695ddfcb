export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerSettings {
  /** Availability failures within `windowMs` that open the circuit. */
  failureThreshold: number;
  windowMs: number;
  /** How long an open circuit refuses calls before letting probes through. */
  cooldownMs: number;
  /** Probe calls let through at once while half-open. */
  halfOpenMaxProbes: number;
}

/** Whether a call may go to the vendor now. */
export interface BreakerAdmission {
  allowed: boolean;
  /** The state after the decision (an open circuit past its cooldown has become half-open). */
  state: BreakerState;
  /** The call is one of the half-open probes: its outcome decides the circuit. */
  probe: boolean;
  /** When an open circuit lets its first probe through (the store's clock). */
  probeAt?: number;
  /** The state before the decision, when the decision changed it. */
  previous?: BreakerState;
}

/** How a call ended, for the breaker: `neutral` neither counts nor clears (caller errors, cancels). */
export type BreakerOutcome = 'success' | 'failure' | 'neutral';

export interface BreakerRecord {
  previous: BreakerState;
  state: BreakerState;
}

/**
 * Where circuit state lives. Each operation is atomic for its key, so many processes may share
 * one store (`createRedisCircuitBreakerStore` from `@stratum/redis`). Times are the breaker's
 * clock, passed in, so every process of a fleet and every test decides with the same time.
 */
export interface CircuitBreakerStore {
  admit(
    key: string,
    settings: CircuitBreakerSettings,
    now: number,
  ): BreakerAdmission | Promise<BreakerAdmission>;
  record(
    key: string,
    outcome: BreakerOutcome,
    probe: boolean,
    settings: CircuitBreakerSettings,
    now: number,
  ): BreakerRecord | Promise<BreakerRecord>;
}
