import { writeFile } from 'node:fs/promises';
import { anthropicBenchmark } from './anthropic-benchmarks.js';
import { type CaseResult, compareCases } from './compare-cases.js';
import { googleBenchmark } from './google-benchmarks.js';
import { openAIBenchmark } from './openai-benchmarks.js';
import { startRemoteSimulators } from './remote-simulators.js';
import type { SimulatorAddresses } from './serve-simulators.js';
import type { VendorBenchmark } from './vendor-benchmark.js';

/**
 * Runs every vendor's benchmark and prints a Markdown table of median latencies and ratios to
 * the raw vendor SDK. `BENCH_CHAT_CALLS` and `BENCH_STREAM_CALLS` trade precision for time.
 */
const iterations = {
  chat: Number(process.env['BENCH_CHAT_CALLS'] ?? 2000),
  stream: Number(process.env['BENCH_STREAM_CALLS'] ?? 300),
};
const all: Record<string, (addresses: SimulatorAddresses) => VendorBenchmark> = {
  openai: openAIBenchmark,
  anthropic: anthropicBenchmark,
  google: googleBenchmark,
};
/** `BENCH_VENDORS=openai,google` runs a subset. */
const chosen = (process.env['BENCH_VENDORS'] ?? Object.keys(all).join(','))
  .split(',')
  .map((vendor) => vendor.trim());
for (const vendor of chosen) {
  if (!all[vendor])
    throw new Error(
      `Unknown vendor "${vendor}" in BENCH_VENDORS; use ${Object.keys(all).join(', ')}.`,
    );
}

const simulators = await startRemoteSimulators();
const rows: string[] = [];
const results: Record<string, Record<string, CaseResult[]>> = {};
try {
  for (const vendor of chosen) {
    const addresses = simulators.addresses[vendor];
    const build = all[vendor];
    if (!addresses || !build) continue;
    const benchmark = build(addresses);
    results[vendor] = {};
    for (const kind of ['chat', 'stream'] as const) {
      const measured = await compareCases(benchmark[kind], {
        iterations: iterations[kind],
        warmup: Math.ceil(iterations[kind] / 10),
        blocks: 5,
      });
      results[vendor][kind] = measured;
      const baseline = measured[0]!;
      for (const result of measured) {
        const ratio = result.medianMs / baseline.medianMs;
        const perBlock = result.blockMediansMs.map(
          (value, index) => value / baseline.blockMediansMs[index]!,
        );
        rows.push(
          `| ${vendor} | ${kind} | ${result.name} | ${result.medianMs.toFixed(3)} | ${ratio.toFixed(3)} | ${Math.min(...perBlock).toFixed(3)}–${Math.max(...perBlock).toFixed(3)} | ${result.samples} |`,
        );
      }
    }
  }
} finally {
  await simulators.close();
}

const table = [
  `Node ${process.version}; simulators in a separate process; ${iterations.chat} chat and ${iterations.stream} stream calls per client, interleaved; ${new Date().toISOString().slice(0, 10)}`,
  '',
  '| vendor | call | client | median ms | ratio to raw SDK | ratio range over 5 blocks | calls |',
  '| --- | --- | --- | ---: | ---: | --- | ---: |',
  ...rows,
].join('\n');
console.log(table);
await writeFile(
  new URL('../results/latest.json', import.meta.url),
  `${JSON.stringify({ node: process.version, iterations, results }, null, 2)}\n`,
);
