export {
  DENSE_FEATURE_NAMES,
  MAX_SCORED_CHARACTERS,
  NGRAM_BUCKETS,
} from './complexity/complexity-features.js';
export type { ComplexityModel } from './complexity/complexity-model.js';
export { DEFAULT_COMPLEXITY_MODEL } from './complexity/default-complexity-model.js';
export {
  type ComplexityExample,
  type FitComplexityOptions,
  fitComplexity,
} from './complexity/fit-complexity.js';
export { scoreComplexity } from './complexity/score-complexity.js';
export {
  createRouter,
  MANUAL_MODEL_KEY,
  type Router,
  type RouteSummary,
} from './create-router.js';
export { DEFAULT_OUTPUT_TOKENS, estimateCallCost } from './estimate-cost.js';
export type {
  BreakerState,
  HealthEntry,
  HealthSnapshot,
  LatencyQuantiles,
  RouterHealthSource,
} from './health-snapshot.js';
export { NoRouteCandidateError } from './no-route-error.js';
export { DEFAULT_LATENCY_PRIOR_MS } from './prepare-route.js';
export { QUALITY_TABLE, QUALITY_TABLE_SOURCE, type QualityRow } from './quality-table.js';
export {
  CHARACTERS_PER_TOKEN,
  type PromptTokenEstimator,
  TOKENS_PER_IMAGE,
  TOKENS_PER_MESSAGE,
} from './request-profile.js';
export type {
  BalancedWeights,
  CandidateOptions,
  CandidateScore,
  CandidateSpec,
  CatalogCandidates,
  CustomStrategy,
  DeploymentOptions,
  DroppedCandidate,
  DropReason,
  RoutableCandidate,
  RouteOptions,
  RouterOptions,
  RoutingDecision,
  StrategyContext,
  StrategyName,
  ThresholdOptions,
} from './router-types.js';
export {
  isRoutingDecision,
  ROUTING_DECISION,
  type RoutedChatResponse,
  routingDecisionOf,
} from './routing-decision.js';
