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
  const candidates: CandidateScore[] = parts.routables.map((candidate, index) => ({
    model: candidate.model,
    score: parts.scores[index] ?? 0,
    estimatedCostUsd: candidate.estimatedCostUsd,
    quality: candidate.quality,
    latencyMs: candidate.latencyMs,
  }));
  const { routables: _routables, scores: _scores, ...decision } = parts;
  return { ...decision, candidates, failovers: [] };
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
