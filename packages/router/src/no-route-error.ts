import { InvalidRequestError } from '@stratum/core';
import type { DroppedCandidate } from './router-types.js';

/** No candidate of a route can serve the request; `dropped` says why each one was left out. */
export class NoRouteCandidateError extends InvalidRequestError {
  readonly route: string;
  readonly dropped: DroppedCandidate[];
  constructor(route: string, dropped: DroppedCandidate[]) {
    const reasons = dropped.map((entry) => `${entry.model}: ${entry.detail}`).join('; ');
    super(
      `No model of route "${route}" can serve this request. ${reasons || 'The route has no candidates.'} Add a candidate that fits, or relax the request or the route's caps.`,
      { retryable: false },
    );
    this.route = route;
    this.dropped = dropped;
  }
}
