/**
 * Per-call cost of the middleware stack, over the in-process mock provider (no network, no
 * latency), so what is measured is the middleware alone:
 *
 *   bare         createClient with no middleware
 *   full, miss   logging + tracing + cache + retry + timeout + rateLimit (TPM, tokenizer
 *                estimate), every request new: hashing, tokenizing and storing each time
 *   full, hit    the same stack, the same request: answered from the cache
 *   and the miss again without `tokensPerMinute`, to show what the tokenizer estimate costs
 *
 * Logging goes to a logger that drops events (the cost of writing lines is the logger's);
 * tracing uses @opentelemetry/api with no SDK registered, as in an app without tracing set up.
 *
 * Run after `pnpm build` (imports resolve to the packages' dist):
 *   node --import tsx packages/middleware/bench/middleware-overhead.ts
 * Against the sources, add `--conditions=@stratum/source`; tsx then wraps every function in a
 * naming helper (esbuild keepNames), which inflates closure-heavy code by a few microseconds.
 */
import { type ChatRequest, type Client, createClient, type Middleware } from '@stratum/core';
import {
  type Logger,
  logging,
  rateLimit,
  responseCache,
  retry,
  timeout,
  tracing,
} from '@stratum/middleware';
import { createMockProvider } from '@stratum/testing';

const SAMPLES = Number(process.env['BENCH_SAMPLES'] ?? 200);
const CALLS_PER_SAMPLE = Number(process.env['BENCH_CALLS'] ?? 50);
const WARMUP_CALLS = 2_000;

const provider = createMockProvider({
  responses: {
    text: 'A short answer from the mock provider.',
    usage: { inputTokens: 40, outputTokens: 9 },
  },
});
const silent: Logger = { info: () => {}, error: () => {} };

function fullStack(limits: { tokens: boolean } = { tokens: true }): Middleware[] {
  return [
    logging({ logger: silent }),
    tracing(),
    responseCache(),
    retry(),
    rateLimit(
      limits.tokens
        ? { requestsPerMinute: 1e9, tokensPerMinute: 1e12 }
        : { requestsPerMinute: 1e9 },
    ),
    timeout({ attemptMs: 30_000 }),
  ];
}

let counter = 0;
function freshRequest(): ChatRequest {
  counter += 1;
  return {
    model: 'mock/bench-model',
    temperature: 0,
    messages: [
      { role: 'system', content: 'You answer in one sentence.' },
      { role: 'user', content: `Question number ${counter}: what is the capital of France?` },
    ],
  };
}
const repeated = freshRequest();

async function measure(client: Client, next: () => ChatRequest): Promise<number> {
  for (let call = 0; call < WARMUP_CALLS; call += 1) await client.chat(next());
  const perCall: number[] = [];
  for (let sample = 0; sample < SAMPLES; sample += 1) {
    // The mock provider keeps every call it gets; dropping them keeps GC out of the numbers.
    provider.reset();
    const requests = Array.from({ length: CALLS_PER_SAMPLE }, next);
    const started = process.hrtime.bigint();
    for (const request of requests) await client.chat(request);
    perCall.push(Number(process.hrtime.bigint() - started) / CALLS_PER_SAMPLE);
  }
  perCall.sort((a, b) => a - b);
  return perCall[Math.floor(perCall.length / 2)] ?? Number.NaN;
}

const bare = await measure(createClient({ providers: [provider] }), freshRequest);
const miss = await measure(
  createClient({ providers: [provider], middleware: fullStack() }),
  freshRequest,
);
const missWithoutTokens = await measure(
  createClient({ providers: [provider], middleware: fullStack({ tokens: false }) }),
  freshRequest,
);
const hit = await measure(
  createClient({ providers: [provider], middleware: fullStack() }),
  () => repeated,
);

const rows = [
  ['bare client (no middleware)', bare],
  ['full stack, cache miss', miss],
  ['full stack without tokensPerMinute, cache miss', missWithoutTokens],
  ['full stack, cache hit', hit],
] as const;
console.log(`median of ${SAMPLES} samples x ${CALLS_PER_SAMPLE} calls, Node ${process.version}\n`);
console.log('| case | median ns/call | vs bare |');
console.log('| --- | ---: | ---: |');
for (const [name, nanoseconds] of rows) {
  console.log(
    `| ${name} | ${Math.round(nanoseconds).toLocaleString('en-US')} | ${(nanoseconds / bare).toFixed(2)}x |`,
  );
}
console.log(
  `\nmiddleware cost per call on a miss: ${Math.round(miss - bare).toLocaleString('en-US')} ns (${((miss - bare) / 1000).toFixed(1)} µs)`,
);
