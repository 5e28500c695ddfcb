/**
 * The health monitor's snapshot as the router reads it (the shape `@stratum/middleware`'s health
 * monitor produces). Declared structurally so any source of the same shape fits.
 */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** Milliseconds. */
export interface LatencyQuantiles {
  p50: number;
  p95: number;
  p99: number;
}

export interface HealthEntry {
  calls: number;
  successes: number;
  failures: number;
  successRate: number;
  errorsByClass: Record<string, number>;
  latencyMs: LatencyQuantiles | undefined;
  timeToFirstTokenMs: LatencyQuantiles | undefined;
  outputTokensPerSecond: number | undefined;
  inFlight: number;
  breakerState: BreakerState | undefined;
  lastError:
    | { errorClass: string; message: string; status: number | undefined; at: number }
    | undefined;
}

export interface HealthSnapshot {
  takenAt: number;
  windowMs: number;
  providers: Record<string, HealthEntry>;
  /** Keyed `provider/model`. */
  models: Record<string, HealthEntry>;
}

export interface RouterHealthSource {
  snapshot(): HealthSnapshot;
}
