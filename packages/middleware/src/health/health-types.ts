import type { Middleware } from '@stratum/core';
import type { BreakerState } from '../circuit-breaker/circuit-breaker-store.js';

/** Milliseconds, from a DDSketch with the monitor's relative accuracy (default 1%). */
export interface LatencyQuantiles {
  p50: number;
  p95: number;
  p99: number;
}

export interface HealthEntry {
  calls: number;
  successes: number;
  failures: number;
  /** 0..1; 1 when there were no calls. */
  successRate: number;
  /** Failures by error class name (`RateLimitError`, `ProviderUnavailableError`, …). */
  errorsByClass: Record<string, number>;
  /** Latency of the successful calls (for streams: until the last event). */
  latencyMs: LatencyQuantiles | undefined;
  /** Successful streams only: from the request to the first text, reasoning or tool-call event. */
  timeToFirstTokenMs: LatencyQuantiles | undefined;
  /** Output tokens over generation time (after the first token, for streams), across the window. */
  outputTokensPerSecond: number | undefined;
  /** Calls running now (not windowed). */
  inFlight: number;
  /** What the circuit breaker the monitor was given last saw; `undefined` without one. */
  breakerState: BreakerState | undefined;
  lastError:
    | { errorClass: string; message: string; status: number | undefined; at: number }
    | undefined;
}

export interface HealthSnapshot {
  /** The monitor's clock (`Date.now()` by default). */
  takenAt: number;
  windowMs: number;
  /** Keyed by provider id, e.g. `openai`. */
  providers: Record<string, HealthEntry>;
  /** Keyed by `provider/model`, e.g. `openai/gpt-4.1-mini`. */
  models: Record<string, HealthEntry>;
}

export interface HealthMonitor {
  /** Everything, as plain data (safe to `JSON.stringify` and send to a dashboard). */
  snapshot(): HealthSnapshot;
  /**
   * Makes one small live call (a one-word prompt, a few output tokens) straight to the
   * provider, past every middleware, records it, and returns the provider's entry.
   */
  check(provider: string): Promise<HealthEntry>;
  /** The middleware that records every call it sees; put it innermost, next to `timeout`. */
  middleware(): Middleware;
  /** Forgets everything recorded. */
  reset(): void;
}
