import type { CallContext } from '@stratum/core';
import type { CandidateScore, RoutableCandidate, RoutingDecision } from './router-types.js';
import { ROUTING_DECISION } from './routing-decision.js';

export interface DecisionParts extends Omit<RoutingDecision, 'candidates' | 'failovers'> {
  routables: readonly RoutableCandidate[];
  /** The strategy's score of each routable candidate, by index. */
  scores: readonly number[];
}

/** The decision as callers, logs and spans see it: every candidate's score and every drop. */
export function buildDecision(parts: DecisionParts): RoutingDecision {
  const { routables, scores } = parts;
  const candidates: CandidateScore[] = [];
  for (let index = 0; index < routables.length; index += 1) {
    const candidate = routables[index]!;
    candidates.push({
      model: candidate.model,
      score: scores[index] ?? 0,
      estimatedCostUsd: candidate.estimatedCostUsd,
      quality: candidate.quality,
      latencyMs: candidate.latencyMs,
    });
  }
  // Spelled out rather than spread: object rest and spread cost more than the rest of the step.
  return {
    route: parts.route,
    strategy: parts.strategy,
    model: parts.model,
    deployment: parts.deployment,
    complexity: parts.complexity,
    threshold: parts.threshold,
    tier: parts.tier,
    estimatedPromptTokens: parts.estimatedPromptTokens,
    candidates,
    dropped: parts.dropped,
    failovers: [],
  };
}

/** Leaves the decision where middleware below the router finds it, and hands it to `onDecision`. */
export function recordDecision(
  context: CallContext | undefined,
  decision: RoutingDecision,
  onDecision: ((decision: RoutingDecision) => void) | undefined,
): void {
  context?.state.set(ROUTING_DECISION, decision);
  onDecision?.(decision);
}
