import type { CallRecord } from '../records/call-record.js';
import { picodollarsToUsd } from '../records/call-record.js';
import type { GroupBy, UsageGroup } from '../stores/record-store.js';
import { latencyBin, quantileOf } from './latency-histogram.js';

/** Running totals of one group; every store builds its `UsageGroup`s through this. */
export class GroupTotals {
  calls = 0;
  errors: Record<string, number> = {};
  cacheHits = 0;
  estimatedCalls = 0;
  inputTokens = 0;
  cacheReadTokens = 0;
  cacheWriteTokens = 0;
  outputTokens = 0;
  reasoningTokens = 0;
  costInput = 0n;
  costCacheRead = 0n;
  costCacheWrite = 0n;
  costOutput = 0n;
  costReasoning = 0n;
  latencySum = 0;
  /** Latency bin → calls, as a dense array: bins are small whole numbers. */
  readonly bins: number[] = [];

  constructor(readonly key: Partial<Record<GroupBy, string>>) {}

  add(record: CallRecord): void {
    this.calls += 1;
    if (record.errorClass !== undefined) this.addErrors(record.errorClass, 1);
    if (record.cacheHit) this.cacheHits += 1;
    if (record.estimated) this.estimatedCalls += 1;
    this.inputTokens += record.inputTokens;
    this.cacheReadTokens += record.cacheReadTokens;
    this.cacheWriteTokens += record.cacheWriteTokens;
    this.outputTokens += record.outputTokens;
    this.reasoningTokens += record.reasoningTokens;
    this.costInput += BigInt(record.cost.input);
    this.costCacheRead += BigInt(record.cost.cacheRead);
    this.costCacheWrite += BigInt(record.cost.cacheWrite);
    this.costOutput += BigInt(record.cost.output);
    this.costReasoning += BigInt(record.cost.reasoning);
    this.latencySum += record.latencyMs;
    this.addBin(latencyBin(record.latencyMs), 1);
  }

  addErrors(errorClass: string, count: number): void {
    this.errors[errorClass] = (this.errors[errorClass] ?? 0) + count;
  }

  addBin(bin: number, count: number): void {
    this.bins[bin] = (this.bins[bin] ?? 0) + count;
  }

  toGroup(): UsageGroup {
    const total =
      this.costInput +
      this.costCacheRead +
      this.costCacheWrite +
      this.costOutput +
      this.costReasoning;
    return {
      key: this.key,
      calls: this.calls,
      errors: this.errors,
      cacheHits: this.cacheHits,
      estimatedCalls: this.estimatedCalls,
      tokens: {
        input: this.inputTokens,
        cacheRead: this.cacheReadTokens,
        cacheWrite: this.cacheWriteTokens,
        output: this.outputTokens,
        reasoning: this.reasoningTokens,
      },
      cost: {
        input: this.costInput,
        cacheRead: this.costCacheRead,
        cacheWrite: this.costCacheWrite,
        output: this.costOutput,
        reasoning: this.costReasoning,
        total,
      },
      costUsd: picodollarsToUsd(total),
      latencyMs: {
        average: this.calls === 0 ? 0 : Math.round((this.latencySum / this.calls) * 10) / 10,
        p50: quantileOf(this.bins, 0.5),
        p95: quantileOf(this.bins, 0.95),
      },
    };
  }
}

/** Groups in a stable order: by each key value in `groupBy` order. */
export function sortGroups(groups: UsageGroup[], groupBy: readonly GroupBy[]): UsageGroup[] {
  return groups.sort((a, b) => {
    for (const dimension of groupBy) {
      const left = a.key[dimension] ?? '';
      const right = b.key[dimension] ?? '';
      if (left !== right) return left < right ? -1 : 1;
    }
    return 0;
  });
}
