import { DDSketch } from '@datadog/sketches-js';
import type { LatencyQuantiles } from './health-types.js';

/** One slice of the sliding window: counts and sketches of the calls that ended in it. */
interface Bucket {
  slot: number;
  calls: number;
  successes: number;
  errorsByClass: Map<string, number>;
  latency: DDSketch | undefined;
  timeToFirstToken: DDSketch | undefined;
  outputTokens: number;
  generationMs: number;
}

export interface CallRecord {
  ok: boolean;
  errorClass?: string;
  latencyMs: number;
  timeToFirstTokenMs?: number;
  outputTokens?: number;
  generationMs?: number;
}

export interface WindowTotals {
  calls: number;
  successes: number;
  errorsByClass: Record<string, number>;
  latencyMs: LatencyQuantiles | undefined;
  timeToFirstTokenMs: LatencyQuantiles | undefined;
  outputTokensPerSecond: number | undefined;
}

/**
 * Calls of one key over a sliding window made of `buckets` slices: a call lands in the slice of
 * the time it ended, and slices older than the window are reused. Latencies go into DDSketches
 * (relative error bounded by `relativeAccuracy`), merged only when a snapshot is taken.
 */
export class HealthWindow {
  private readonly ring: Bucket[] = [];

  constructor(
    private readonly bucketMs: number,
    private readonly buckets: number,
    private readonly relativeAccuracy: number,
  ) {}

  record(call: CallRecord, now: number): void {
    const bucket = this.bucketAt(Math.floor(now / this.bucketMs));
    bucket.calls += 1;
    if (call.ok) bucket.successes += 1;
    else if (call.errorClass !== undefined) {
      bucket.errorsByClass.set(
        call.errorClass,
        (bucket.errorsByClass.get(call.errorClass) ?? 0) + 1,
      );
    }
    // Latency is that of answers: a vendor failing fast must not look fast.
    if (call.ok) {
      bucket.latency ??= this.sketch();
      bucket.latency.accept(Math.max(0, call.latencyMs));
    }
    if (call.ok && call.timeToFirstTokenMs !== undefined) {
      bucket.timeToFirstToken ??= this.sketch();
      bucket.timeToFirstToken.accept(Math.max(0, call.timeToFirstTokenMs));
    }
    if (call.outputTokens && call.generationMs && call.generationMs > 0) {
      bucket.outputTokens += call.outputTokens;
      bucket.generationMs += call.generationMs;
    }
  }

  totals(now: number): WindowTotals {
    const current = Math.floor(now / this.bucketMs);
    const totals = { calls: 0, successes: 0, outputTokens: 0, generationMs: 0 };
    const errorsByClass: Record<string, number> = {};
    const latency = this.sketch();
    const timeToFirstToken = this.sketch();
    for (const bucket of this.ring) {
      // The ring fills as slices are first used: it can have holes.
      if (bucket === undefined) continue;
      if (bucket.slot <= current - this.buckets || bucket.slot > current) continue;
      totals.calls += bucket.calls;
      totals.successes += bucket.successes;
      totals.outputTokens += bucket.outputTokens;
      totals.generationMs += bucket.generationMs;
      for (const [name, count] of bucket.errorsByClass)
        errorsByClass[name] = (errorsByClass[name] ?? 0) + count;
      if (bucket.latency) latency.merge(bucket.latency);
      if (bucket.timeToFirstToken) timeToFirstToken.merge(bucket.timeToFirstToken);
    }
    return {
      calls: totals.calls,
      successes: totals.successes,
      errorsByClass,
      latencyMs: quantiles(latency),
      timeToFirstTokenMs: quantiles(timeToFirstToken),
      outputTokensPerSecond:
        totals.generationMs > 0 ? (totals.outputTokens * 1_000) / totals.generationMs : undefined,
    };
  }

  private bucketAt(slot: number): Bucket {
    const index = slot % this.buckets;
    let bucket = this.ring[index];
    if (bucket?.slot === slot) return bucket;
    bucket = {
      slot,
      calls: 0,
      successes: 0,
      errorsByClass: new Map(),
      latency: undefined,
      timeToFirstToken: undefined,
      outputTokens: 0,
      generationMs: 0,
    };
    this.ring[index] = bucket;
    return bucket;
  }

  private sketch(): DDSketch {
    return new DDSketch({ relativeAccuracy: this.relativeAccuracy });
  }
}

function quantiles(sketch: DDSketch): LatencyQuantiles | undefined {
  if (sketch.count === 0) return undefined;
  return {
    p50: sketch.getValueAtQuantile(0.5),
    p95: sketch.getValueAtQuantile(0.95),
    p99: sketch.getValueAtQuantile(0.99),
  };
}
