import {
  type CallContext,
  type ChatNext,
  type ChatResponse,
  StratumError,
  type StreamEvent,
  type StreamNext,
} from '@stratum/core';
import type { DeploymentState } from './deployment-pool.js';
import { NoRouteCandidateError } from './no-route-error.js';
import type { Candidate } from './prepare-route.js';
import type { RoutingDecision } from './router-types.js';
import { withDecision } from './routing-decision.js';

/** A decided call: the decision, the chosen candidate and its deployments in the order to try. */
export interface Plan {
  decision: RoutingDecision;
  deployments: DeploymentState[];
  candidate: Candidate;
  /** Estimated prompt plus output tokens, charged against each deployment's TPM. */
  tokens: number;
}

/** Deployment failures that mean "try the next one": the model is fine, this place is not. */
const AVAILABILITY_ERRORS = new Set(['rate_limit', 'provider_unavailable', 'timeout']);

/** Calls the planned deployments in order until one answers or fails with a non-availability error. */
export async function chatWithFailover(
  context: CallContext,
  planned: Plan,
  next: ChatNext,
): Promise<ChatResponse> {
  let lastError: unknown;
  for (const [attempt, deployment] of planned.deployments.entries()) {
    startAttempt(planned, deployment);
    try {
      const response = await next(contextFor(context, deployment, attempt));
      return withDecision(response, planned.decision);
    } catch (error) {
      lastError = error;
      if (!isAvailabilityError(error)) throw error;
      planned.decision.failovers.push({ deployment: deployment.model, error: errorCode(error) });
    } finally {
      endAttempt(planned, deployment);
    }
  }
  throw lastError ?? new NoRouteCandidateError(planned.decision.route, planned.decision.dropped);
}

/** The stream form of `chatWithFailover`: a deployment is left only before its first event. */
export async function* streamWithFailover(
  context: CallContext,
  planned: Plan,
  next: StreamNext,
): AsyncIterable<StreamEvent> {
  let lastError: unknown;
  for (const [attempt, deployment] of planned.deployments.entries()) {
    startAttempt(planned, deployment);
    let delivered = false;
    try {
      for await (const event of next(contextFor(context, deployment, attempt))) {
        delivered = true;
        yield event.type === 'finish'
          ? { ...event, response: withDecision(event.response, planned.decision) }
          : event;
      }
      return;
    } catch (error) {
      lastError = error;
      // Once text reached the caller a new deployment would repeat it: fail instead.
      if (delivered || !isAvailabilityError(error)) throw error;
      planned.decision.failovers.push({ deployment: deployment.model, error: errorCode(error) });
    } finally {
      endAttempt(planned, deployment);
    }
  }
  throw lastError ?? new NoRouteCandidateError(planned.decision.route, planned.decision.dropped);
}

function contextFor(
  context: CallContext,
  deployment: DeploymentState,
  attempt: number,
): CallContext {
  return {
    // The rest of the chain sees the deployment as the model asked for.
    get requestId() {
      return context.requestId;
    },
    get state() {
      return context.state;
    },
    request: { ...context.request, model: deployment.model },
    model: context.resolveModel(deployment.model),
    resolveModel: context.resolveModel,
    attempt: context.attempt + attempt,
  };
}

function startAttempt(planned: Plan, deployment: DeploymentState): void {
  planned.decision.deployment = deployment.model;
  deployment.record(planned.tokens, Date.now());
  deployment.inFlight += 1;
  planned.candidate.inFlight += 1;
}

function endAttempt(planned: Plan, deployment: DeploymentState): void {
  deployment.inFlight -= 1;
  planned.candidate.inFlight -= 1;
}

function isAvailabilityError(error: unknown): boolean {
  return StratumError.is(error) && AVAILABILITY_ERRORS.has(error.code);
}

function errorCode(error: unknown): string {
  return StratumError.is(error) ? error.code : 'unknown';
}
