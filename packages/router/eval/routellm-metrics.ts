import { segmentOf } from '../src/complexity/complexity-model.js';
import { quantileOfSorted } from '../src/complexity/fit-complexity.js';
import type { EvalPrompt } from './load-routellm-data.js';

/**
 * RouteLLM's metrics (Ong et al. 2024, §3.2), computed the way `routellm/evals` does: 11
 * thresholds at the 0, 10, …, 100% quantiles of the router's scores (pandas `qcut` bin edges);
 * at each, prompts scoring at or above it go to the strong model (strictly above at the last);
 * APGR is the trapezoid area under accuracy against strong-call share, relative to the weak and
 * strong models' areas; CPT(x%) interpolates the strong-call share that recovers x% of the gap.
 */
export interface RoutingMetrics {
  apgr: number;
  /** Percent of calls to the strong model needed for 50% / 80% of the quality gap. */
  cpt50: number;
  cpt80: number;
  points: { strongPercent: number; accuracy: number }[];
}

export function accuracyOf(prompts: readonly EvalPrompt[], strong: boolean): number {
  let correct = 0;
  for (const prompt of prompts) {
    if (strong ? prompt.strongCorrect : prompt.weakCorrect) correct += 1;
  }
  return (correct / prompts.length) * 100;
}

export function routingMetrics(
  prompts: readonly EvalPrompt[],
  scores: readonly number[],
): RoutingMetrics {
  const sorted = [...scores].sort((a, b) => a - b);
  const thresholds: number[] = [];
  for (let bin = 0; bin <= 10; bin += 1) thresholds.push(quantileOfSorted(sorted, bin / 10));
  const points = thresholds.map((threshold, index) => {
    let strongCalls = 0;
    let correct = 0;
    for (let row = 0; row < prompts.length; row += 1) {
      const score = scores[row] ?? 0;
      const toStrong = index === thresholds.length - 1 ? score > threshold : score >= threshold;
      const prompt = prompts[row]!;
      if (toStrong) strongCalls += 1;
      if (toStrong ? prompt.strongCorrect : prompt.weakCorrect) correct += 1;
    }
    return {
      strongPercent: (strongCalls / prompts.length) * 100,
      accuracy: (correct / prompts.length) * 100,
    };
  });
  // A stable sort by strong share, as the evaluation sorts its results before integrating.
  points.sort((a, b) => a.strongPercent - b.strongPercent);
  const weak = accuracyOf(prompts, false);
  const strong = accuracyOf(prompts, true);
  let area = 0;
  let span = 0;
  for (let index = 1; index < points.length; index += 1) {
    const width =
      ((points[index]?.strongPercent ?? 0) - (points[index - 1]?.strongPercent ?? 0)) / 100;
    area += (width * ((points[index]?.accuracy ?? 0) + (points[index - 1]?.accuracy ?? 0))) / 2;
    span += width;
  }
  const apgr = (area - weak * span) / (strong * span - weak * span);
  const accuracies = points.map((point) => point.accuracy);
  const shares = points.map((point) => point.strongPercent);
  return {
    apgr,
    cpt50: interpolate(weak + 0.5 * (strong - weak), accuracies, shares),
    cpt80: interpolate(weak + 0.8 * (strong - weak), accuracies, shares),
    points,
  };
}

/**
 * numpy's `interp(x, xp, fp)`: clamps outside `xp`, else linear within the segment that holds
 * `x` (numpy assumes `xp` ascends; for a router's accuracy curve it nearly does).
 */
export function interpolate(x: number, xp: readonly number[], fp: readonly number[]): number {
  const last = xp.length - 1;
  if (x <= (xp[0] ?? 0)) return fp[0] ?? 0;
  if (x >= (xp[last] ?? 0)) return fp[last] ?? 0;
  const [low, high] = segmentOf(xp, x, 0, last);
  const from = xp[low] ?? 0;
  const to = xp[high] ?? 0;
  const slope = to === from ? 0 : (x - from) / (to - from);
  return (fp[low] ?? 0) + slope * ((fp[high] ?? 0) - (fp[low] ?? 0));
}
