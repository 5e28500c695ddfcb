/**
 * Per-call cost of fallback + circuitBreaker + the health monitor's middleware on a successful
 * call, over the in-process mock provider (no network, no latency), so what is measured is the
 * three middleware alone. The models are registered with a context window and prices, so the
 * fallback's window check and money guard run as they would on catalog models.
 *
 * Samples of the bare client and of the stack are interleaved, so a change in the machine's
 * load hits both alike; the figure is the difference of their medians.
 *
 * Run after `pnpm build` (imports resolve to the packages' dist):
 *   node --import tsx packages/middleware/bench/resilience-overhead.ts
 */
import { type ChatRequest, type Client, createClient, registerModel } from '@stratum/core';
import { circuitBreaker, createHealthMonitor, fallback } from '@stratum/middleware';
import { createMockProvider } from '@stratum/testing';

const SAMPLES = Number(process.env['BENCH_SAMPLES'] ?? 400);
const CALLS_PER_SAMPLE = Number(process.env['BENCH_CALLS'] ?? 50);
const WARMUP_CALLS = 5_000;

for (const id of ['mock/bench-primary', 'mock/bench-fallback']) {
  registerModel({ id, contextWindow: 128_000, pricing: { input: 0.4, output: 1.6 } });
}
const provider = createMockProvider({
  responses: {
    text: 'A short answer from the mock provider.',
    usage: { inputTokens: 40, outputTokens: 9 },
  },
});
const breaker = circuitBreaker({ logger: false });
const monitor = createHealthMonitor({ breaker });
const bare = createClient({ providers: [provider] });
const guarded = createClient({
  providers: [provider],
  middleware: [
    fallback({ models: ['mock/bench-fallback'], noPricierThanPrimary: true }),
    breaker,
    monitor.middleware(),
  ],
});

const request: ChatRequest = {
  model: 'mock/bench-primary',
  maxOutputTokens: 500,
  messages: [
    { role: 'system', content: 'You answer in one sentence.' },
    { role: 'user', content: 'What is the capital of France?' },
  ],
};

async function sample(client: Client): Promise<number> {
  // The mock provider keeps every call it gets; dropping them keeps GC out of the numbers.
  provider.reset();
  const started = process.hrtime.bigint();
  for (let call = 0; call < CALLS_PER_SAMPLE; call += 1) await client.chat(request);
  return Number(process.hrtime.bigint() - started) / CALLS_PER_SAMPLE;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

for (let call = 0; call < WARMUP_CALLS; call += 1) {
  await bare.chat(request);
  await guarded.chat(request);
}
const bareTimes: number[] = [];
const guardedTimes: number[] = [];
for (let index = 0; index < SAMPLES; index += 1) {
  if (index % 2 === 0) {
    bareTimes.push(await sample(bare));
    guardedTimes.push(await sample(guarded));
  } else {
    guardedTimes.push(await sample(guarded));
    bareTimes.push(await sample(bare));
  }
}
const bareMedian = median(bareTimes);
const guardedMedian = median(guardedTimes);
const calls = monitor.snapshot().models['mock/bench-primary']?.calls ?? 0;
if (calls === 0)
  throw new Error('the health monitor recorded no calls: the bench measured nothing');

console.log(`median of ${SAMPLES} samples x ${CALLS_PER_SAMPLE} calls, Node ${process.version}\n`);
console.log('| case | median ns/call |');
console.log('| --- | ---: |');
console.log(`| bare client (no middleware) | ${Math.round(bareMedian).toLocaleString('en-US')} |`);
console.log(
  `| fallback + circuitBreaker + health, success | ${Math.round(guardedMedian).toLocaleString('en-US')} |`,
);
console.log(
  `\nadded per successful call: ${Math.round(guardedMedian - bareMedian).toLocaleString('en-US')} ns (${((guardedMedian - bareMedian) / 1000).toFixed(2)} µs; target ≤ 5 µs)`,
);
