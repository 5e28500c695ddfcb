import {
  type CallContext,
  type ChatRequest,
  ConfigurationError,
  type Middleware,
  type ResolvedModel,
  type StreamEvent,
  type StreamNext,
} from '@stratum/core';
import { chooseTier } from './choose-tier.js';
import type { ComplexityModel } from './complexity/complexity-model.js';
import { scoreText } from './complexity/complexity-model.js';
import { DEFAULT_COMPLEXITY_MODEL } from './complexity/default-complexity-model.js';
import { chatWithFailover, type Plan, streamWithFailover } from './deployment-failover.js';
import { type BalanceMode, orderDeployments } from './deployment-pool.js';
import { estimateCallCost, outputTokensFor } from './estimate-cost.js';
import { dropReason } from './filter-candidates.js';
import { NoRouteCandidateError } from './no-route-error.js';
import {
  type CallOperation,
  type Candidate,
  type PreparedRoute,
  prepareRoute,
  toRoutable,
} from './prepare-route.js';
import { buildDecision, recordDecision } from './record-decision.js';
import { profileRequest } from './request-profile.js';
import type {
  DroppedCandidate,
  RoutableCandidate,
  RouterOptions,
  RoutingDecision,
} from './router-types.js';
import { balancedScorer, indexOfBest, pickByWeight, SCORERS } from './strategies.js';

/** Metadata key naming the model for the `manual` strategy. */
export const MANUAL_MODEL_KEY = 'routerModel';
export interface Router extends Middleware {
  /** Decides without calling anything. Throws `NoRouteCandidateError` when nothing fits. */
  decide(request: ChatRequest): RoutingDecision;
  readonly routes: readonly string[];
  /** Each route's strategy and candidate models, as resolved at creation (for model listings). */
  readonly routeSummaries: readonly RouteSummary[];
}

export interface RouteSummary {
  id: string;
  /** The strategy's name, or `custom` for a function. */
  strategy: string;
  candidates: string[];
}

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

  const plan = (request: ChatRequest, route: PreparedRoute, operation: CallOperation): Plan => {
    const profile = profileRequest(request, options.estimatePromptTokens);
    const health = options.health?.snapshot();
    const now = Date.now();
    const dropped: DroppedCandidate[] = [];
    // Parallel arrays rather than an entry object per candidate: this loop runs on every call.
    const routables: RoutableCandidate[] = [];
    const keptIndices: number[] = [];
    const candidates = route.candidates;
    for (let index = 0; index < candidates.length; index += 1) {
      const candidate = candidates[index]!;
      const outputTokens = outputTokensFor(candidate.info, profile.requestedOutputTokens);
      const cost = estimateCallCost(candidate.info, profile.estimatedPromptTokens, outputTokens);
      const reason = dropReason(candidate, cost, profile, route.options, health, settings);
      if (reason) {
        dropped.push(reason);
        continue;
      }
      if (!hasRoomIn(candidate, profile.estimatedPromptTokens + outputTokens, now)) {
        dropped.push({
          model: candidate.model,
          reason: 'rate-limited',
          detail: 'every deployment used up its RPM/TPM for this minute',
        });
        continue;
      }
      routables.push(toRoutable(candidate, cost, health, options, operation));
      keptIndices.push(index);
    }
    if (routables.length === 0) throw new NoRouteCandidateError(route.name, dropped);

    let complexity: number | undefined;
    const complexityOf = () => {
      complexity ??= scoreText(complexityModel, profile.lastUserText);
      return complexity;
    };
    const strategy = route.options.strategy ?? 'balanced';
    let chosen = 0;
    let scores: number[];
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
      const result = chooseTier(route, keptIndices, routables, complexityOf());
      chosen = result.chosen;
      threshold = result.threshold;
      tier = result.tier;
      strategyName = 'threshold';
      scores = routables.map((_, index) => (index === chosen ? 1 : 0));
    }
    const winner = candidates[keptIndices[chosen]!]!;
    const tokens =
      profile.estimatedPromptTokens + outputTokensFor(winner.info, profile.requestedOutputTokens);
    const balance: BalanceMode = route.options.balance ?? 'weighted';
    const deployments = orderDeployments(winner.deployments, balance, tokens, now, random, health);
    const decision = buildDecision({
      route: route.name,
      strategy: strategyName,
      model: winner.model,
      deployment: deployments[0]?.model ?? winner.model,
      complexity,
      threshold,
      tier,
      estimatedPromptTokens: profile.estimatedPromptTokens,
      routables,
      scores,
      dropped,
    });
    return { decision, deployments, candidate: winner, tokens };
  };

  const routeOf = (id: string): PreparedRoute | undefined => routes.get(id);

  const decide = (request: ChatRequest): RoutingDecision => {
    const route = routeOf(request.model);
    if (!route) {
      throw new ConfigurationError(
        `"${request.model}" is not a route of this router; routes: ${[...routes.keys()].join(', ')}.`,
      );
    }
    const decision = plan(request, route, 'chat').decision;
    recordDecision(undefined, decision, options.onDecision);
    return decision;
  };

  const begin = (context: CallContext, route: PreparedRoute, operation: CallOperation): Plan => {
    const planned = plan(context.request, route, operation);
    recordDecision(context, planned.decision, options.onDecision);
    return planned;
  };

  return {
    name: 'router',
    routes: [...routes.keys()],
    routeSummaries: [...routes.values()].map((route) => ({
      id: route.name,
      strategy:
        typeof route.options.strategy === 'function'
          ? 'custom'
          : (route.options.strategy ?? 'balanced'),
      candidates: route.candidates.map((candidate) => candidate.model),
    })),
    decide,
    claimModel(id: string): ResolvedModel | undefined {
      return routes.has(id)
        ? { id: `route/${id}`, provider: 'route', name: id, info: undefined }
        : undefined;
    },
    async chat(context, next) {
      const route = routeOf(context.request.model);
      if (!route) return next(context);
      return chatWithFailover(context, begin(context, route, 'chat'), next);
    },
    stream(context, next) {
      const route = routeOf(context.request.model);
      if (!route) return next(context);
      return routedStream(context, route, next);
    },
  };

  // A generator, so the decision is made when the caller starts reading, as for any stream.
  async function* routedStream(
    context: CallContext,
    route: PreparedRoute,
    next: StreamNext,
  ): AsyncIterable<StreamEvent> {
    yield* streamWithFailover(context, begin(context, route, 'stream'), next);
  }
}

function hasRoomIn(candidate: Candidate, tokens: number, now: number): boolean {
  for (const deployment of candidate.deployments) if (deployment.hasRoom(tokens, now)) return true;
  return false;
}
