import type { Middleware, RoutingDecision } from '@stratum/core';

/** A decision as `@stratum/router` makes one: two candidates kept, one dropped. */
export const DECISION: RoutingDecision = {
  route: 'auto',
  strategy: 'threshold',
  model: 'mock/priced',
  deployment: 'mock/priced',
  complexity: 0.71,
  threshold: 0.6,
  tier: 1,
  estimatedPromptTokens: 6,
  candidates: [
    { model: 'mock/cheap', score: 0, estimatedCostUsd: 0.0001, quality: 1200, latencyMs: 1000 },
    { model: 'mock/priced', score: 1, estimatedCostUsd: 0.001, quality: 1400, latencyMs: 1000 },
  ],
  dropped: [{ model: 'mock/small', reason: 'context-window', detail: '8k window' }],
  failovers: [],
};

/**
 * What the router does with its decision, without depending on the router: leaves it in
 * `context.state` under its key for the middleware below, and on the response for those above.
 */
export function decidingMiddleware(decision: RoutingDecision = DECISION): Middleware {
  return {
    name: 'router',
    async chat(context, next) {
      context.state.set('stratum.routing', decision);
      return { ...(await next(context)), routing: decision };
    },
    async *stream(context, next) {
      context.state.set('stratum.routing', decision);
      for await (const event of next(context)) {
        yield event.type === 'finish'
          ? { ...event, response: { ...event.response, routing: decision } }
          : event;
      }
    },
  };
}
