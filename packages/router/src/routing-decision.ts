import type { ChatResponse } from '@stratum/core';
import type { RoutingDecision } from './router-types.js';

/**
 * Where the decision is kept in `CallContext.state`, for middleware below the router (logging,
 * tracing). A string rather than a symbol so that `@stratum/middleware` reads it without
 * depending on this package.
 */
export const ROUTING_DECISION = 'stratum.routing';

/** A response with the decision that produced it. */
export type RoutedChatResponse = ChatResponse & { routing: RoutingDecision };

export function withDecision(
  response: ChatResponse,
  decision: RoutingDecision,
): RoutedChatResponse {
  return { ...response, routing: decision };
}

/** The routing decision behind a response, when a router made one. */
export function routingDecisionOf(response: ChatResponse): RoutingDecision | undefined {
  return response.routing;
}

/** Whether a value (from `CallContext.state` or a response) is a routing decision. */
export function isRoutingDecision(value: unknown): value is RoutingDecision {
  return typeof value === 'object' && value !== null && 'route' in value && 'strategy' in value;
}
