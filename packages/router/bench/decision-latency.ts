/**
 * Time of one routing decision: 100 candidates (all filters run on each), threshold routing
 * between two tiers of 50, which scores the prompt's complexity; for a 2k-token and a
 * 100k-token prompt. Reports the median and the 10th percentile over samples of the
 * per-decision mean, beside a calibration loop (summing the char codes of 3,000 characters)
 * that shows how loaded the machine was.
 *
 * Runs on the built packages (`pnpm build` first; the script builds the router itself):
 *   pnpm --filter @stratum/router bench
 */
import { loadavg } from 'node:os';
import { type ChatRequest, registerModel } from '@stratum/core';
import { createRouter } from '@stratum/router';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const DECISIONS_PER_SAMPLE = Number(process.env.BENCH_DECISIONS ?? 50);

const candidates: string[] = [];
for (let index = 0; index < 100; index += 1) {
  const id = `bench/model-${index}`;
  registerModel({
    id,
    pricing: { input: 0.1 + index * 0.05, output: 0.4 + index * 0.2 },
    capabilities: { tools: index % 3 !== 0, vision: index % 2 === 0 },
    contextWindow: 200_000 + index * 10_000,
    maxOutputTokens: 8_000,
  });
  candidates.push(id);
}
const router = createRouter({
  routes: {
    auto: {
      candidates,
      strategy: 'threshold',
      threshold: { tiers: [candidates.slice(0, 50), candidates.slice(50)], shares: [0.7, 0.3] },
      maxCostPerCall: 5,
    },
  },
});

const paragraph =
  'A farmer has 17 fields; each yields 240 kg of wheat per hectare and every field is 3.5 hectares. After selling 40% of the harvest at $0.32 per kg, how much money remains to be earned from the rest? ';
function promptOf(tokens: number): ChatRequest {
  const text = paragraph.repeat(Math.ceil((tokens * 4) / paragraph.length)).slice(0, tokens * 4);
  return { model: 'auto', messages: [{ role: 'user', content: text }], maxOutputTokens: 1_000 };
}

/** Median and 10th percentile (µs) of the mean time of `run` over samples. */
function measure(run: () => unknown): { median: number; p10: number } {
  for (let index = 0; index < 2_000; index += 1) run();
  const means: number[] = [];
  for (let sample = 0; sample < SAMPLES; sample += 1) {
    const started = process.hrtime.bigint();
    for (let index = 0; index < DECISIONS_PER_SAMPLE; index += 1) run();
    means.push(Number(process.hrtime.bigint() - started) / 1_000 / DECISIONS_PER_SAMPLE);
  }
  means.sort((a, b) => a - b);
  return {
    median: means[Math.floor(means.length / 2)] ?? 0,
    p10: means[Math.floor(means.length / 10)] ?? 0,
  };
}

const calibrationText = paragraph.repeat(20).slice(0, 3_000);
let sink = 0;
const calibration = measure(() => {
  for (let index = 0; index < calibrationText.length; index += 1) {
    sink += calibrationText.charCodeAt(index);
  }
});
const format = ({ median, p10 }: { median: number; p10: number }) =>
  `median ${median.toFixed(1)} µs, p10 ${p10.toFixed(1)} µs`;
console.log(
  `load average ${loadavg()
    .map((value) => value.toFixed(1))
    .join(' ')}`,
);
console.log(`calibration, sum of 3,000 char codes: ${format(calibration)} (${sink > 0})`);
for (const tokens of [2_000, 100_000]) {
  const request: ChatRequest = promptOf(tokens);
  const result = measure(() => router.decide(request));
  console.log(
    `decision, 100 candidates, ${tokens.toLocaleString('en')}-token prompt: ${format(result)}`,
  );
}
