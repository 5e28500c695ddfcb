import { Bench } from 'tinybench';

export interface BenchCase {
  name: string;
  run: () => Promise<unknown>;
}

export interface CaseResult {
  name: string;
  /** Median over rounds of each round's median latency, in milliseconds. */
  medianMs: number;
  /** Each round's median latency. */
  roundMediansMs: number[];
  samples: number;
}

export interface CompareOptions {
  rounds: number;
  /** Time spent on each case in each round. */
  timeMs: number;
  warmupMs: number;
}

/**
 * Measures cases in alternating rounds (the order rotates each round) so drift in the machine's
 * load affects every case alike; the reported figure is the median of per-round medians.
 */
export async function compareCases(cases: BenchCase[], options: CompareOptions): Promise<CaseResult[]> {
  const rounds = new Map<string, number[]>(cases.map((benchCase) => [benchCase.name, []]));
  const samples = new Map<string, number>(cases.map((benchCase) => [benchCase.name, 0]));
  for (let round = 0; round < options.rounds; round += 1) {
    const order = cases.map((_, index) => cases[(index + round) % cases.length]!);
    for (const benchCase of order) {
      const bench = new Bench({ time: options.timeMs, warmupTime: options.warmupMs, throws: true });
      bench.add(benchCase.name, benchCase.run);
      await bench.run();
      const task = bench.tasks[0]!;
      const result = task.result;
      if (result.state !== 'completed') throw new Error(`${benchCase.name} did not complete: ${result.state}`);
      rounds.get(benchCase.name)!.push(result.latency.p50);
      samples.set(benchCase.name, samples.get(benchCase.name)! + task.runs);
    }
  }
  return cases.map(({ name }) => {
    const roundMediansMs = rounds.get(name)!;
    return { name, medianMs: median(roundMediansMs), roundMediansMs, samples: samples.get(name)! };
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
