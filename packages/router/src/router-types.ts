import type { ChatRequest, ModelFilter, ModelInfo, RoutingDecision } from '@stratum/core';

export type {
  CandidateScore,
  DroppedCandidate,
  DropReason,
  RoutingDecision,
} from '@stratum/core';

import type { ComplexityModel } from './complexity/complexity-model.js';
import type { RouterHealthSource } from './health-snapshot.js';
import type { PromptTokenEstimator } from './request-profile.js';

/** One place a logical model is served from: a provider's model id, with its own limits. */
export interface DeploymentOptions {
  /** The model id the client resolves (`azure/my-gpt-4-1`, `openai/gpt-4.1`). */
  model: string;
  /** Relative share for weighted balancing (default 1). */
  weight?: number;
  /** Requests per minute this deployment accepts; the router skips it once used up. */
  rpm?: number;
  /** Tokens (estimated prompt + output) per minute. */
  tpm?: number;
}

export interface CandidateOptions {
  /** The logical model (`openai/gpt-4.1`): its catalog entry supplies price and capabilities. */
  model: string;
  /** Where it is served; defaults to the model id itself. */
  deployments?: DeploymentOptions[];
  /** Quality score overriding the table for this candidate. */
  quality?: number;
  /** Weight for the `weighted` strategy (default 1). */
  weight?: number;
}

export type CandidateSpec = string | CandidateOptions;

/** Candidates from the catalog: every model matching the filter, optionally only these providers. */
export interface CatalogCandidates extends ModelFilter {
  catalog: true;
  providers?: string[];
}

export type StrategyName =
  | 'cost'
  | 'quality'
  | 'latency'
  | 'balanced'
  | 'round-robin'
  | 'weighted'
  | 'least-busy'
  | 'manual'
  | 'threshold';

/** A candidate as strategies see it, after filtering. */
export interface RoutableCandidate {
  model: string;
  info: ModelInfo | undefined;
  estimatedCostUsd: number | undefined;
  quality: number | undefined;
  /**
   * Median latency (ms) from the health snapshot (time to first token for streams, when measured),
   * or the prior before there is data.
   */
  latencyMs: number;
  latencyMeasured: boolean;
  inFlight: number;
  weight: number;
}

export interface StrategyContext {
  request: ChatRequest;
  route: string;
  complexity: () => number;
}

/** Your own choice: return the model id of one of the candidates. */
export type CustomStrategy = (
  candidates: readonly RoutableCandidate[],
  context: StrategyContext,
) => string;

export interface ThresholdOptions {
  /** Tiers from weakest to strongest; each a model id or a list (the cheapest that fits wins). */
  tiers: Array<string | string[]>;
  /**
   * Complexity cut points between tiers (ascending, one fewer than tiers): a score at or above
   * `cutoffs[i]` goes to tier `i + 1` or higher.
   */
  cutoffs?: number[];
  /**
   * Share of traffic for each tier (sums to 1). The cut points then follow live traffic: they are
   * quantiles of the recent complexity scores.
   */
  shares?: number[];
}

export interface BalancedWeights {
  cost: number;
  quality: number;
}

export interface RouteOptions {
  candidates?: CandidateSpec[] | CatalogCandidates;
  /** Default `balanced`. */
  strategy?: StrategyName | CustomStrategy;
  /** Default `{ cost: 0.6, quality: 0.4 }`. */
  balancedWeights?: BalancedWeights;
  threshold?: ThresholdOptions;
  /** Drop models whose estimated worst-case cost for this request exceeds this (US dollars). */
  maxCostPerCall?: number;
  /** Price caps in US dollars per million tokens. */
  maxInputPrice?: number;
  maxOutputPrice?: number;
  allowProviders?: string[];
  excludeProviders?: string[];
  /** How a candidate's deployments share its calls (default `weighted`). */
  balance?: 'weighted' | 'least-busy' | 'latency';
}

export interface RouterOptions {
  /** Route names (`auto`, `cheap-but-good`) and their settings. */
  routes: Record<string, RouteOptions>;
  health?: RouterHealthSource;
  /** Quality scores overriding the shipped table (by model id). */
  quality?: Record<string, number>;
  /** Latency prior (ms) for models without measurements (default 1000, see `DEFAULT_LATENCY_PRIOR_MS`). */
  latencyPriorMs?: Record<string, number>;
  complexityModel?: ComplexityModel;
  estimatePromptTokens?: PromptTokenEstimator;
  /** Health filter: drop a model whose success rate is below this over at least `minCalls` calls. */
  minSuccessRate?: number;
  minCalls?: number;
  /** Random source for `weighted` (tests pass a seeded one). */
  random?: () => number;
  /** Called with every decision (for logging). */
  onDecision?: (decision: RoutingDecision) => void;
}
