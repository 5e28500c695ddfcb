/**
 * Latency quantiles from log-scale bins, the bucketing of DDSketch
 * (https://arxiv.org/abs/1908.10693): bin `i` holds latencies in (γ^(i-1), γ^i] with γ = 1.04,
 * so a quantile read from the bins is within 2% of the true value (fewer, wider bins keep the
 * hourly rollups small). Bins are small integers a
 * SQL `GROUP BY` can sum, which lets the rollups answer p50/p95 for any range and grouping.
 */
const GAMMA = 1.04;
const LOG_GAMMA = Math.log(GAMMA);

/** The bin of a latency in milliseconds (latencies under 1 ms share bin 0). */
export function latencyBin(latencyMs: number): number {
  if (!(latencyMs > 1)) return 0;
  return Math.ceil(Math.log(latencyMs) / LOG_GAMMA);
}

/** The representative latency of a bin: the middle of its range, in relative terms. */
function binValue(bin: number): number {
  if (bin <= 0) return 0;
  return (2 * GAMMA ** bin) / (GAMMA + 1);
}

/** The `q` quantile (0 to 1) of the latencies counted in `bins` (index: bin, value: count). */
export function quantileOf(bins: readonly (number | undefined)[], q: number): number {
  let total = 0;
  for (const count of bins) total += count ?? 0;
  if (total === 0) return 0;
  const rank = q * (total - 1);
  let seen = 0;
  for (let bin = 0; bin < bins.length; bin += 1) {
    seen += bins[bin] ?? 0;
    if (seen > rank) return Math.round(binValue(bin) * 10) / 10;
  }
  return 0;
}
