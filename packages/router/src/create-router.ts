import {
  type CallContext,
  type ChatRequest,
  ConfigurationError,
  type Middleware,
  type ResolvedModel,
  StratumError,
  type StreamEvent,
} from '@stratum/core';
import { chooseTier } from './choose-tier.js';
import type { ComplexityModel } from './complexity/complexity-model.js';
import { scoreText } from './complexity/complexity-model.js';
import { DEFAULT_COMPLEXITY_MODEL } from './complexity/default-complexity-model.js';
import { type BalanceMode, type DeploymentState, orderDeployments } from './deployment-pool.js';
import { outputTokensFor } from './estimate-cost.js';
import { dropReason } from './filter-candidates.js';
import { NoRouteCandidateError } from './no-route-error.js';
import { type Candidate, type PreparedRoute, prepareRoute, toRoutable } from './prepare-route.js';
import { profileRequest } from './request-profile.js';
import type {
  CandidateScore,
  DroppedCandidate,
  RoutableCandidate,
  RouterOptions,
  RoutingDecision,
} from './router-types.js';
import { ROUTING_DECISION, withDecision } from './routing-decision.js';
import { balancedScorer, indexOfBest, pickByWeight, SCORERS } from './strategies.js';

/** Metadata key naming the model for the `manual` strategy. */
export const MANUAL_MODEL_KEY = 'routerModel';
export interface Router extends Middleware {
  /** Decides without calling anything. Throws `NoRouteCandidateError` when nothing fits. */
  decide(request: ChatRequest): RoutingDecision;
  readonly routes: readonly string[];
}

interface Plan {
  decision: RoutingDecision;
  deployments: DeploymentState[];
  candidate: Candidate;
  tokens: number;
}

/** Deployment failures that mean "try the next one": the model is fine, this place is not. */
const AVAILABILITY_ERRORS = new Set(['rate_limit', 'provider_unavailable', 'timeout']);

export function createRouter(options: RouterOptions): Router {
  const random = options.random ?? Math.random;
  const complexityModel: ComplexityModel = options.complexityModel ?? DEFAULT_COMPLEXITY_MODEL;
  const settings = {
    minSuccessRate: options.minSuccessRate ?? 0.5,
    minCalls: options.minCalls ?? 10,
  };
  const routes = new Map<string, PreparedRoute>();
  for (const [name, route] of Object.entries(options.routes)) {
    routes.set(name, prepareRoute(name, route, options));
  }
  if (routes.size === 0) {
    throw new ConfigurationError(
      'createRouter needs at least one route, e.g. { routes: { auto: { candidates: [...] } } }.',
    );
  }

  const plan = (request: ChatRequest, route: PreparedRoute): Plan => {
    const profile = profileRequest(request, options.estimatePromptTokens);
    const health = options.health?.snapshot();
    const now = Date.now();
    const dropped: DroppedCandidate[] = [];
    const kept: { candidate: Candidate; routable: RoutableCandidate; index: number }[] = [];
    for (const [index, candidate] of route.candidates.entries()) {
      const reason = dropReason(
        candidate.model,
        candidate.info,
        profile,
        route.options,
        health,
        settings,
      );
      if (reason) {
        dropped.push(reason);
        continue;
      }
      const tokens =
        profile.estimatedPromptTokens +
        outputTokensFor(candidate.info, profile.requestedOutputTokens);
      if (!candidate.deployments.some((deployment) => deployment.hasRoom(tokens, now))) {
        dropped.push({
          model: candidate.model,
          reason: 'rate-limited',
          detail: 'every deployment used up its RPM/TPM for this minute',
        });
        continue;
      }
      kept.push({ candidate, routable: toRoutable(candidate, profile, health, options), index });
    }
    if (kept.length === 0) throw new NoRouteCandidateError(route.name, dropped);

    let complexity: number | undefined;
    const complexityOf = () => {
      complexity ??= scoreText(complexityModel, profile.lastUserText);
      return complexity;
    };
    const strategy = route.options.strategy ?? 'balanced';
    const routables = kept.map((entry) => entry.routable);
    let chosen = 0;
    let scores: number[] = routables.map(() => 0);
    let threshold: number | undefined;
    let tier: number | undefined;
    let strategyName = typeof strategy === 'string' ? strategy : 'custom';
    if (typeof strategy === 'function') {
      const model = strategy(routables, { request, route: route.name, complexity: complexityOf });
      chosen = routables.findIndex((candidate) => candidate.model === model);
      if (chosen < 0) {
        throw new ConfigurationError(
          `The custom strategy of route "${route.name}" returned "${model}", which is not one of its remaining candidates (${routables.map((c) => c.model).join(', ')}).`,
        );
      }
      scores = routables.map((_, index) => (index === chosen ? 1 : 0));
    } else if (strategy === 'balanced') {
      scores = balancedScorer(route.options.balancedWeights ?? { cost: 0.6, quality: 0.4 })(
        routables,
      );
      chosen = indexOfBest(scores);
    } else if (
      strategy === 'cost' ||
      strategy === 'quality' ||
      strategy === 'latency' ||
      strategy === 'least-busy'
    ) {
      scores = SCORERS[strategy](routables);
      chosen = indexOfBest(scores);
    } else if (strategy === 'round-robin') {
      chosen = route.roundRobin % routables.length;
      route.roundRobin += 1;
      scores = routables.map((_, index) => (index === chosen ? 1 : 0));
    } else if (strategy === 'weighted') {
      const pick = pickByWeight(routables, random);
      chosen = routables.indexOf(pick);
      const total = routables.reduce((sum, candidate) => sum + candidate.weight, 0);
      scores = routables.map((candidate) => candidate.weight / total);
    } else if (strategy === 'manual') {
      const wanted = request.metadata?.[MANUAL_MODEL_KEY];
      chosen = routables.findIndex((candidate) => candidate.model === wanted);
      if (chosen < 0) {
        throw new ConfigurationError(
          `Route "${route.name}" is manual: set metadata.${MANUAL_MODEL_KEY} to one of ${routables.map((c) => c.model).join(', ')} (got ${String(wanted)}).`,
        );
      }
      scores = routables.map((_, index) => (index === chosen ? 1 : 0));
    } else {
      const result = chooseTier(route, kept, complexityOf());
      chosen = result.chosen;
      threshold = result.threshold;
      tier = result.tier;
      strategyName = 'threshold';
      scores = routables.map((_, index) => (index === chosen ? 1 : 0));
    }
    const winner = kept[chosen]!;
    const tokens =
      profile.estimatedPromptTokens +
      outputTokensFor(winner.candidate.info, profile.requestedOutputTokens);
    const balance: BalanceMode = route.options.balance ?? 'weighted';
    const deployments = orderDeployments(
      winner.candidate.deployments,
      balance,
      tokens,
      now,
      random,
      health,
    );
    const candidateScores: CandidateScore[] = routables.map((candidate, index) => ({
      model: candidate.model,
      score: scores[index] ?? 0,
      estimatedCostUsd: candidate.estimatedCostUsd,
      quality: candidate.quality,
      latencyMs: candidate.latencyMs,
    }));
    const decision: RoutingDecision = {
      route: route.name,
      strategy: strategyName,
      model: winner.candidate.model,
      deployment: deployments[0]?.model ?? winner.candidate.model,
      complexity,
      threshold,
      tier,
      estimatedPromptTokens: profile.estimatedPromptTokens,
      candidates: candidateScores,
      dropped,
      failovers: [],
    };
    return { decision, deployments, candidate: winner.candidate, tokens };
  };

  const routeOf = (id: string): PreparedRoute | undefined => routes.get(id);

  const decide = (request: ChatRequest): RoutingDecision => {
    const route = routeOf(request.model);
    if (!route) {
      throw new ConfigurationError(
        `"${request.model}" is not a route of this router; routes: ${[...routes.keys()].join(', ')}.`,
      );
    }
    const decision = plan(request, route).decision;
    options.onDecision?.(decision);
    return decision;
  };

  const begin = (context: CallContext, route: PreparedRoute) => {
    const planned = plan(context.request, route);
    context.state.set(ROUTING_DECISION, planned.decision);
    options.onDecision?.(planned.decision);
    return planned;
  };

  const contextFor = (
    context: CallContext,
    deployment: DeploymentState,
    attempt: number,
  ): CallContext => ({
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
  });

  return {
    name: 'router',
    routes: [...routes.keys()],
    decide,
    claimModel(id: string): ResolvedModel | undefined {
      return routes.has(id)
        ? { id: `route/${id}`, provider: 'route', name: id, info: undefined }
        : undefined;
    },
    async chat(context, next) {
      const route = routeOf(context.request.model);
      if (!route) return next(context);
      const planned = begin(context, route);
      let lastError: unknown;
      for (const [attempt, deployment] of planned.deployments.entries()) {
        startAttempt(planned, deployment);
        try {
          const response = await next(contextFor(context, deployment, attempt));
          return withDecision(response, planned.decision);
        } catch (error) {
          lastError = error;
          if (!isAvailabilityError(error)) throw error;
          planned.decision.failovers.push({
            deployment: deployment.model,
            error: errorCode(error),
          });
        } finally {
          endAttempt(planned, deployment);
        }
      }
      throw lastError ?? new NoRouteCandidateError(route.name, planned.decision.dropped);
    },
    stream(context, next) {
      const route = routeOf(context.request.model);
      if (!route) return next(context);
      return routedStream(context, route, next);
    },
  };

  async function* routedStream(
    context: CallContext,
    route: PreparedRoute,
    next: (context: CallContext) => AsyncIterable<StreamEvent>,
  ): AsyncIterable<StreamEvent> {
    const planned = begin(context, route);
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
    throw lastError ?? new NoRouteCandidateError(route.name, planned.decision.dropped);
  }
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
