import { pickWeighted } from './deployment-pool.js';
import type { BalancedWeights, RoutableCandidate } from './router-types.js';

/** Scores each candidate for a strategy: the highest score wins (ties: list order). */
export type Scorer = (candidates: readonly RoutableCandidate[]) => number[];

const cheapest: Scorer = (candidates) =>
  candidates.map((candidate) => -(candidate.estimatedCostUsd ?? Number.POSITIVE_INFINITY));

const best: Scorer = (candidates) =>
  candidates.map((candidate) => candidate.quality ?? Number.NEGATIVE_INFINITY);

const fastest: Scorer = (candidates) => candidates.map((candidate) => -candidate.latencyMs);

const idlest: Scorer = (candidates) => candidates.map((candidate) => -candidate.inFlight);

/**
 * Cost and quality each scaled to [0, 1] across the candidates (cost on a log scale, since prices
 * span orders of magnitude; unknown values score 0), then mixed by the weights.
 */
export function balancedScorer(weights: BalancedWeights): Scorer {
  return (candidates) => {
    const costs = candidates.map((candidate) =>
      candidate.estimatedCostUsd === undefined
        ? undefined
        : Math.log(candidate.estimatedCostUsd + 1e-9),
    );
    const qualities = candidates.map((candidate) => candidate.quality);
    const costRank = scaleToUnit(costs, true);
    const qualityRank = scaleToUnit(qualities, false);
    const total = weights.cost + weights.quality;
    return candidates.map(
      (_, index) =>
        ((costRank[index] ?? 0) * weights.cost + (qualityRank[index] ?? 0) * weights.quality) /
        total,
    );
  };
}

function scaleToUnit(values: readonly (number | undefined)[], lowerIsBetter: boolean): number[] {
  const known = values.filter((value): value is number => value !== undefined);
  const low = Math.min(...known);
  const high = Math.max(...known);
  return values.map((value) => {
    if (value === undefined) return 0;
    if (high === low) return 1;
    const share = (value - low) / (high - low);
    return lowerIsBetter ? 1 - share : share;
  });
}

export const SCORERS = { cost: cheapest, quality: best, latency: fastest, 'least-busy': idlest };

export function indexOfBest(scores: readonly number[]): number {
  let bestIndex = 0;
  for (let index = 1; index < scores.length; index += 1) {
    if ((scores[index] ?? 0) > (scores[bestIndex] ?? 0)) bestIndex = index;
  }
  return bestIndex;
}

export function pickByWeight(
  candidates: readonly RoutableCandidate[],
  random: () => number,
): RoutableCandidate {
  return pickWeighted(candidates, random);
}
