import type { CallContext, ChatResponse, RoutingDecision } from '@stratum/core';
import { isRecord } from '@stratum/core/provider-kit';

/**
 * Where `@stratum/router` leaves its decision in `context.state` for the middleware below it (its
 * `ROUTING_DECISION`). Above the router the decision is on the response instead.
 */
export const ROUTING_STATE_KEY = 'stratum.routing';

/** The router's decision for this call: from the response when it has one, else from the state. */
export function readRoutingDecision(
  context: CallContext,
  response?: ChatResponse,
): RoutingDecision | undefined {
  if (response?.routing) return response.routing;
  const value = context.state.get(ROUTING_STATE_KEY);
  return isRoutingDecision(value) ? value : undefined;
}

/** What logs and spans record of a decision: the choice and its inputs, counts for the lists. */
export type RoutingSummary = Pick<
  RoutingDecision,
  'route' | 'strategy' | 'model' | 'deployment' | 'complexity' | 'threshold' | 'tier'
> & { candidates: number; dropped: number; failovers: number };

export function summarizeRouting(decision: RoutingDecision): RoutingSummary {
  return {
    route: decision.route,
    strategy: decision.strategy,
    model: decision.model,
    deployment: decision.deployment,
    complexity: decision.complexity,
    threshold: decision.threshold,
    tier: decision.tier,
    candidates: decision.candidates.length,
    dropped: decision.dropped.length,
    failovers: decision.failovers.length,
  };
}

function isRoutingDecision(value: unknown): value is RoutingDecision {
  return (
    isRecord(value) &&
    typeof value['route'] === 'string' &&
    typeof value['strategy'] === 'string' &&
    typeof value['model'] === 'string' &&
    Array.isArray(value['candidates']) &&
    Array.isArray(value['dropped']) &&
    Array.isArray(value['failovers'])
  );
}
