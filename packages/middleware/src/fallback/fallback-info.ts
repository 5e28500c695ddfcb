/** One model a fallback chain sent the request to. */
export interface FallbackAttempt {
  /** `provider/model`. */
  model: string;
  outcome: 'ok' | 'error';
  /** The error's class (`RateLimitError`, …) when the attempt failed. */
  errorClass?: string;
  /** The error's Stratum code, and the vendor's (or `circuit_open`) when there is one. */
  errorCode?: string;
  vendorCode?: string;
  status?: number;
  latencyMs: number;
}

/** A model of the chain that was not tried, and why. */
export interface FallbackSkip {
  model: string;
  reason: 'context-window' | 'price' | 'capability';
  message: string;
}

export interface FallbackInfo {
  /** The `provider/model` that answered. */
  answeredBy: string;
  /** In order; the last one answered. */
  attempts: FallbackAttempt[];
  skipped: FallbackSkip[];
}

// Declared here, by the package that writes it, rather than in core: core's types know nothing
// of any middleware.
declare module '@stratum/core' {
  interface ChatResponse {
    /** Set by the fallback middleware: which models were tried or skipped, and which answered. */
    fallback?: FallbackInfo;
  }
}
