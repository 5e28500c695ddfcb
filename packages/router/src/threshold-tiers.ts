import { quantileOfSorted } from './complexity/fit-complexity.js';

/** Scores kept for the live quantile estimate; older scores fall out. */
const WINDOW = 2_048;
/** The sorted copy is refreshed after this many new scores, so a decision stays cheap. */
const REFRESH_EVERY = 64;

/**
 * Cut points between tiers that hold a target share of live traffic per tier: quantiles of the
 * most recent complexity scores. Before enough scores are seen, the cut points are the target
 * shares themselves, since the shipped scorer's output is a rank on its fitting data.
 */
export class ShareCutoffs {
  private readonly cumulative: number[];
  private readonly scores = new Float64Array(WINDOW);
  private count = 0;
  private sinceRefresh = 0;
  private cutoffs: number[];

  constructor(shares: readonly number[]) {
    const total = shares.reduce((sum, share) => sum + share, 0);
    this.cumulative = [];
    let running = 0;
    for (const share of shares.slice(0, -1)) {
      running += share / total;
      this.cumulative.push(running);
    }
    this.cutoffs = [...this.cumulative];
  }

  observe(score: number): void {
    this.scores[this.count % WINDOW] = score;
    this.count += 1;
    this.sinceRefresh += 1;
    if (this.count >= 100 && this.sinceRefresh >= REFRESH_EVERY) this.refresh();
  }

  current(): readonly number[] {
    return this.cutoffs;
  }

  private refresh(): void {
    this.sinceRefresh = 0;
    // A typed array sorts numerically in native code, without a comparator call per pair.
    const sorted = this.scores.slice(0, Math.min(this.count, WINDOW)).sort();
    this.cutoffs = this.cumulative.map((share) => quantileOfSorted(sorted, share));
  }
}

/** The tier index a score falls in, given ascending cut points. */
export function tierFor(score: number, cutoffs: readonly number[]): number {
  let tier = 0;
  while (tier < cutoffs.length && score >= (cutoffs[tier] ?? 1)) tier += 1;
  return tier;
}
