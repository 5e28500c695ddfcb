import type { PreparedRoute } from './prepare-route.js';
import type { RoutableCandidate } from './router-types.js';
import { tierFor } from './threshold-tiers.js';

/**
 * The candidate for a complexity score under threshold routing: the cheapest remaining member
 * of the tier the score falls in, else of the nearest stronger tier, else of a weaker one.
 */
export function chooseTier(
  route: PreparedRoute,
  keptIndices: readonly number[],
  routables: readonly RoutableCandidate[],
  complexity: number,
): { chosen: number; threshold: number | undefined; tier: number } {
  const tierOf = route.tierOf ?? [];
  const tierCount = route.tierCount;
  const cutoffs = route.shareCutoffs?.current() ?? route.options.threshold?.cutoffs ?? [];
  route.shareCutoffs?.observe(complexity);
  const wanted = tierFor(complexity, cutoffs);
  const threshold = wanted > 0 ? cutoffs[wanted - 1] : cutoffs[0];
  // The wanted tier first, then stronger tiers, then weaker ones: never silently downgrade first.
  const order = [wanted];
  for (let tier = wanted + 1; tier < tierCount; tier += 1) order.push(tier);
  for (let tier = wanted - 1; tier >= 0; tier -= 1) order.push(tier);
  for (const tier of order) {
    let best = -1;
    let bestCost = Number.POSITIVE_INFINITY;
    for (let position = 0; position < routables.length; position += 1) {
      if (tierOf[keptIndices[position] ?? -1] !== tier) continue;
      const cost = routables[position]?.estimatedCostUsd ?? Number.POSITIVE_INFINITY;
      if (best < 0 || cost < bestCost) {
        best = position;
        bestCost = cost;
      }
    }
    if (best >= 0) return { chosen: best, threshold, tier };
  }
  return { chosen: 0, threshold, tier: 0 };
}
