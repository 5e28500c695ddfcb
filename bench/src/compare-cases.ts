export interface BenchCase {
  name: string;
  run: () => Promise<unknown>;
}

export interface CaseResult {
  name: string;
  /** Median latency over all timed calls, in milliseconds. */
  medianMs: number;
  /** The median of each of the run's consecutive blocks, to show how stable it was. */
  blockMediansMs: number[];
  samples: number;
}

export interface CompareOptions {
  /** Timed calls per case. */
  iterations: number;
  /** Untimed calls per case first (JIT, connection pools). */
  warmup: number;
  /** How many blocks the timed calls are split into for the stability figures. */
  blocks: number;
}

/**
 * Times the cases call by call in turn (A B C, then B C A, …), so a change in the machine's
 * load during the run affects every case alike, which makes the ratios far steadier than
 * timing each case in its own window.
 */
export async function compareCases(
  cases: BenchCase[],
  options: CompareOptions,
): Promise<CaseResult[]> {
  for (const benchCase of cases)
    for (let index = 0; index < options.warmup; index += 1) await benchCase.run();
  const timings = cases.map(() => new Float64Array(options.iterations));
  for (let iteration = 0; iteration < options.iterations; iteration += 1) {
    for (let offset = 0; offset < cases.length; offset += 1) {
      const index = (iteration + offset) % cases.length;
      const started = performance.now();
      await cases[index]!.run();
      timings[index]![iteration] = performance.now() - started;
    }
  }
  const blockSize = Math.floor(options.iterations / options.blocks);
  return cases.map((benchCase, index) => {
    const samples = timings[index]!;
    const blockMediansMs = Array.from({ length: options.blocks }, (_, block) =>
      median(samples.subarray(block * blockSize, (block + 1) * blockSize)),
    );
    return {
      name: benchCase.name,
      medianMs: median(samples),
      blockMediansMs,
      samples: samples.length,
    };
  });
}

export function median(values: ArrayLike<number>): number {
  const sorted = Array.from(values).sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
