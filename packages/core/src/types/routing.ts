/**
 * What a router decided for one call, as `@stratum/router` records it on the response
 * (`ChatResponse.routing`) and in `CallContext.state`, so logging and tracing can report it
 * without depending on the router.
 */

export type DropReason =
  | 'provider-not-allowed'
  | 'provider-excluded'
  | 'no-tool-calling'
  | 'no-vision'
  | 'no-structured-output'
  | 'no-json-output'
  | 'no-reasoning'
  | 'no-pdf-input'
  | 'context-window'
  | 'max-cost-per-call'
  | 'price-cap'
  | 'circuit-open'
  | 'unhealthy'
  | 'rate-limited';

/** A candidate the router set aside before choosing, and why. */
export interface DroppedCandidate {
  model: string;
  reason: DropReason;
  detail: string;
}

/** A candidate that could serve the request, with its score under the route's strategy. */
export interface CandidateScore {
  model: string;
  score: number;
  estimatedCostUsd: number | undefined;
  quality: number | undefined;
  latencyMs: number;
}

export interface RoutingDecision {
  route: string;
  strategy: string;
  /** The logical model chosen. */
  model: string;
  /** The deployment called (a resolvable model id). */
  deployment: string;
  complexity: number | undefined;
  /** The cut point the complexity was compared with (threshold routing). */
  threshold: number | undefined;
  tier: number | undefined;
  estimatedPromptTokens: number;
  candidates: CandidateScore[];
  dropped: DroppedCandidate[];
  /** Deployments that failed with an availability error before this one answered. */
  failovers: { deployment: string; error: string }[];
}
