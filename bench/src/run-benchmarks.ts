import { writeFile } from 'node:fs/promises';
import { type CaseResult, compareCases } from './compare-cases.js';
import { openAIBenchmark, type VendorBenchmark } from './openai-benchmarks.js';

/**
 * Runs every vendor's benchmark and prints a Markdown table of median latencies and ratios to
 * the raw vendor SDK. `BENCH_ROUNDS` and `BENCH_TIME_MS` trade precision for time.
 */
const rounds = Number(process.env['BENCH_ROUNDS'] ?? 7);
const timeMs = Number(process.env['BENCH_TIME_MS'] ?? 800);
const builders: Array<() => Promise<VendorBenchmark>> = [openAIBenchmark];

const rows: string[] = [];
const results: Record<string, Record<string, CaseResult[]>> = {};
for (const build of builders) {
  const benchmark = await build();
  try {
    results[benchmark.vendor] = {};
    for (const kind of ['chat', 'stream'] as const) {
      const cases = benchmark[kind];
      const measured = await compareCases(cases, { rounds, timeMs, warmupMs: 200 });
      results[benchmark.vendor]![kind] = measured;
      const baseline = measured[0]!;
      for (const result of measured) {
        const ratio = result.medianMs / baseline.medianMs;
        const perRound = result.roundMediansMs.map((value, index) => value / baseline.roundMediansMs[index]!);
        rows.push(
          `| ${benchmark.vendor} | ${kind} | ${result.name} | ${result.medianMs.toFixed(3)} | ${ratio.toFixed(3)} | ${Math.min(...perRound).toFixed(3)}–${Math.max(...perRound).toFixed(3)} | ${result.samples} |`,
        );
      }
    }
  } finally {
    await benchmark.close();
  }
}

const table = [
  `Node ${process.version}, ${rounds} rounds × ${timeMs} ms per case, ${new Date().toISOString().slice(0, 10)}`,
  '',
  '| vendor | call | client | median ms | ratio to raw SDK | per-round ratio range | samples |',
  '| --- | --- | --- | ---: | ---: | --- | ---: |',
  ...rows,
].join('\n');
console.log(table);
await writeFile(new URL('../results/latest.json', import.meta.url), `${JSON.stringify({ node: process.version, rounds, timeMs, results }, null, 2)}\n`);
