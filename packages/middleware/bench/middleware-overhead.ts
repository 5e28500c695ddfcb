/**
 * Per-call cost of the middleware stack, over the in-process mock provider (no network, no
 * latency), so what is measured is the middleware alone:
 *
 *   bare         createClient with no middleware
 *   full, miss   logging + tracing + cache + retry + rateLimit (RPM and TPM) + timeout, every
 *                request new: hashing, counting tokens and storing each time; the tokens counted
 *                with @stratum/tokenizer, then by characters (an app without the tokenizer)
 *   full, hit    the same stack, the same request: answered from the cache
 *   and the miss again without `tokensPerMinute`
 *
 * The cases take turns sample by sample, so a change in the machine's load hits them alike.
 * Logging goes to a logger that drops events (the cost of writing lines is the logger's);
 * tracing uses @opentelemetry/api with no SDK registered, as in an app without tracing set up.
 * The stack is defined once in `stack-layers.ts`.
 *
 * Run after `pnpm build` (imports resolve to the packages' dist):
 *   node --import tsx packages/middleware/bench/middleware-overhead.ts
 * Against the sources, add `--conditions=@stratum/source`; tsx then wraps every function in a
 * naming helper (esbuild keepNames), which inflates closure-heavy code by a few microseconds.
 */
import { type ChatRequest, type Client, createClient } from '@stratum/core';
import { freshRequest, fullStack, mockProvider } from './stack-cases.js';

const SAMPLES = Number(process.env['BENCH_SAMPLES'] ?? 200);
const CALLS_PER_SAMPLE = Number(process.env['BENCH_CALLS'] ?? 50);
const WARMUP_CALLS = 2_000;
const repeated = freshRequest();

interface Case {
  name: string;
  client: Client;
  next: () => ChatRequest;
  samples: number[];
}

const withStack = (middleware: ReturnType<typeof fullStack>) =>
  createClient({ providers: [mockProvider], middleware });
const cases: Case[] = [
  { name: 'bare client (no middleware)', client: withStack([]), next: freshRequest, samples: [] },
  {
    name: 'full stack, cache miss (tokens counted with @stratum/tokenizer)',
    client: withStack(fullStack('tokenizer')),
    next: freshRequest,
    samples: [],
  },
  {
    name: 'full stack, cache miss (tokens by characters, no tokenizer installed)',
    client: withStack(fullStack('characters')),
    next: freshRequest,
    samples: [],
  },
  {
    name: 'full stack without tokensPerMinute, cache miss',
    client: withStack(fullStack('none')),
    next: freshRequest,
    samples: [],
  },
  {
    name: 'full stack, cache hit',
    client: withStack(fullStack('tokenizer')),
    next: () => repeated,
    samples: [],
  },
];

for (const { client, next } of cases) {
  for (let call = 0; call < WARMUP_CALLS; call += 1) await client.chat(next());
}
for (let sample = 0; sample < SAMPLES; sample += 1) {
  for (const { client, next, samples } of cases) {
    // The mock provider keeps every call it gets; dropping them keeps GC out of the numbers.
    mockProvider.reset();
    const requests = Array.from({ length: CALLS_PER_SAMPLE }, next);
    const started = process.hrtime.bigint();
    for (const request of requests) await client.chat(request);
    samples.push(Number(process.hrtime.bigint() - started) / CALLS_PER_SAMPLE);
  }
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const bare = median(cases[0]?.samples ?? []);
console.log(`median of ${SAMPLES} samples x ${CALLS_PER_SAMPLE} calls, Node ${process.version}\n`);
console.log('| case | median ns/call | minus bare, µs |');
console.log('| --- | ---: | ---: |');
for (const { name, samples } of cases) {
  const nanoseconds = median(samples);
  console.log(
    `| ${name} | ${Math.round(nanoseconds).toLocaleString('en-US')} | ${((nanoseconds - bare) / 1000).toFixed(1)} |`,
  );
}
