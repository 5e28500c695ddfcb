import { ConfigurationError, getModel, listModels, type ModelInfo } from '@stratum/core';
import { DeploymentState } from './deployment-pool.js';
import type { HealthSnapshot } from './health-snapshot.js';
import { QUALITY_TABLE } from './quality-table.js';
import type {
  CandidateOptions,
  RoutableCandidate,
  RouteOptions,
  RouterOptions,
} from './router-types.js';
import { ShareCutoffs } from './threshold-tiers.js';

/** Latency assumed for a model the health snapshot has no measurement of yet. */
export const DEFAULT_LATENCY_PRIOR_MS = 1_000;
/** Streams are ranked by time to first token, chat calls by total latency. */
export type CallOperation = 'chat' | 'stream';

export interface Candidate {
  model: string;
  info: ModelInfo | undefined;
  /** The catalog's provider, else the id's prefix. */
  provider: string;
  quality: number | undefined;
  weight: number;
  deployments: DeploymentState[];
  inFlight: number;
}

export interface PreparedRoute {
  name: string;
  options: RouteOptions;
  candidates: Candidate[];
  /** Tier of each candidate (by index) for threshold routing; -1 outside every tier. */
  tierOf: number[] | undefined;
  tierCount: number;
  shareCutoffs: ShareCutoffs | undefined;
  roundRobin: number;
}

/** Resolves a route's candidates, deployments, quality scores and tiers once, at creation. */
export function prepareRoute(
  name: string,
  route: RouteOptions,
  options: RouterOptions,
): PreparedRoute {
  const specs = route.candidates ?? [];
  const list: CandidateOptions[] = Array.isArray(specs)
    ? specs.map((spec) => (typeof spec === 'string' ? { model: spec } : spec))
    : listModels(specs)
        .filter((model) => !specs.providers || specs.providers.includes(model.provider))
        .map((model) => ({ model: model.id }));
  const candidates: Candidate[] = list.map((spec) => {
    const info = getModel(spec.model);
    return {
      model: spec.model,
      info,
      provider: info?.provider ?? spec.model.slice(0, spec.model.indexOf('/')),
      quality: spec.quality ?? options.quality?.[spec.model] ?? QUALITY_TABLE[spec.model]?.score,
      weight: spec.weight ?? 1,
      deployments: (spec.deployments ?? [{ model: spec.model }]).map(
        (deployment) => new DeploymentState(deployment),
      ),
      inFlight: 0,
    };
  });
  if (candidates.length === 0) {
    throw new ConfigurationError(
      `Route "${name}" has no candidates: list models in candidates, or pass a catalog filter that matches some.`,
    );
  }
  let tiers: number[][] | undefined;
  let shareCutoffs: ShareCutoffs | undefined;
  if (route.strategy === 'threshold') {
    const threshold = route.threshold;
    if (!threshold || threshold.tiers.length < 2) {
      throw new ConfigurationError(
        `Route "${name}" uses threshold routing: set threshold.tiers to two or more tiers, weakest first.`,
      );
    }
    tiers = threshold.tiers.map((tier) =>
      (typeof tier === 'string' ? [tier] : tier).map((model) => {
        const index = candidates.findIndex((candidate) => candidate.model === model);
        if (index < 0)
          throw new ConfigurationError(
            `Route "${name}": tier model "${model}" is not one of its candidates.`,
          );
        return index;
      }),
    );
    const wanted = threshold.tiers.length - 1;
    if (threshold.shares) {
      if (threshold.shares.length !== threshold.tiers.length) {
        throw new ConfigurationError(
          `Route "${name}": threshold.shares needs one share per tier (${threshold.tiers.length}).`,
        );
      }
      shareCutoffs = new ShareCutoffs(threshold.shares);
    } else if (threshold.cutoffs?.length !== wanted) {
      throw new ConfigurationError(
        `Route "${name}": threshold.cutoffs needs ${wanted} ascending numbers in [0, 1], or set threshold.shares.`,
      );
    }
  }
  const tierOf = tiers ? candidates.map(() => -1) : undefined;
  for (const [tier, members] of (tiers ?? []).entries()) {
    for (const index of members) if (tierOf?.[index] === -1) tierOf[index] = tier;
  }
  return {
    name,
    options: route,
    candidates,
    tierOf,
    tierCount: tiers?.length ?? 0,
    shareCutoffs,
    roundRobin: 0,
  };
}

export function toRoutable(
  candidate: Candidate,
  estimatedCostUsd: number | undefined,
  health: HealthSnapshot | undefined,
  options: RouterOptions,
  operation: CallOperation,
): RoutableCandidate {
  const entry = health?.models[candidate.model];
  // Time to first token is what a stream's caller waits for; the snapshot has it for streams only.
  const measured =
    (operation === 'stream' ? entry?.timeToFirstTokenMs?.p50 : undefined) ?? entry?.latencyMs?.p50;
  let inFlight = candidate.inFlight;
  for (const deployment of candidate.deployments) {
    inFlight = Math.max(inFlight, health?.models[deployment.model]?.inFlight ?? 0);
  }
  return {
    model: candidate.model,
    info: candidate.info,
    estimatedCostUsd,
    quality: candidate.quality,
    latencyMs: measured ?? options.latencyPriorMs?.[candidate.model] ?? DEFAULT_LATENCY_PRIOR_MS,
    latencyMeasured: measured !== undefined,
    inFlight,
    weight: candidate.weight,
  };
}
