/**
 * Where the middleware stack's time goes on the wire: the full stack, the stack without each
 * layer in turn, and each layer alone, against the bare Stratum client, interleaved in one run
 * on the OpenAI simulator (in its own process). Prints each case's median and its difference
 * to the bare client.
 *   node --import tsx bench/src/middleware-stack-ablation.ts        (ABLATION_CALLS=600)
 */
import { type ChatRequest, type ChatResponse, createClient, type Middleware } from '@stratum/core';
import { createOpenAI } from '@stratum/provider-openai';
import { type BenchCase, compareCases } from './compare-cases.js';
import { stackLayers } from './middleware-stack-cases.js';
import { startRemoteSimulators } from './remote-simulators.js';
import { API_KEY, PROMPT } from './vendor-benchmark.js';

const CALLS = Number(process.env['ABLATION_CALLS'] ?? 600);
const layers = stackLayers;
/** Probes, not part of the stack: what passing a signal down or arming a timer costs alone. */
const probes: Record<string, () => Middleware> = {
  signal: () => ({
    name: 'signal',
    chat: (context, next) =>
      next({ ...context, request: { ...context.request, signal: new AbortController().signal } }),
  }),
  timer: () => ({
    name: 'timer',
    async chat(context, next) {
      const timer = setTimeout(() => {}, 30_000);
      try {
        return await next(context);
      } finally {
        clearTimeout(timer);
      }
    },
  }),
  noop: () => ({ name: 'noop', chat: (context, next) => next(context) }),
  asyncNoop: () => ({
    name: 'asyncNoop',
    async chat(context, next) {
      return await next(context);
    },
  }),
  fourAsyncNoops: () => ({
    name: 'fourAsyncNoops',
    async chat(context, next) {
      const layer = async (inner: () => Promise<ChatResponse>) => await inner();
      return await layer(() => layer(() => layer(() => next(context))));
    },
  }),
  spread: () => ({
    name: 'spread',
    chat: (context, next) => next({ ...context, request: { ...context.request } }),
  }),
};
const names = Object.keys(layers);

const simulators = await startRemoteSimulators();
try {
  const baseURL = simulators.addresses['openai']!.chat;
  let calls = 0;
  const fresh = (): ChatRequest => {
    calls += 1;
    return { model: 'gpt-4.1-mini', messages: [{ role: 'user', content: `${calls} ${PROMPT}` }] };
  };
  const withLayers = (name: string, chosen: string[]): BenchCase => {
    const client = createClient({
      providers: [createOpenAI({ apiKey: API_KEY, baseURL })],
      middleware: chosen.map((layer) => (layers[layer] ?? probes[layer])!()),
    });
    return { name, run: () => client.chat(fresh()) };
  };
  const only = process.env['ABLATION_CASES']?.split(',');
  const cases = [
    withLayers('bare', []),
    withLayers('bare again', []),
    withLayers('full', names),
    ...names.map((name) =>
      withLayers(
        `without ${name}`,
        names.filter((other) => other !== name),
      ),
    ),
    ...names.map((name) => withLayers(`only ${name}`, [name])),
    ...Object.keys(probes).map((name) => withLayers(`probe ${name}`, [name])),
  ].filter((each) => !only || each.name === 'bare' || only.includes(each.name));
  const results = await compareCases(cases, { iterations: CALLS, warmup: 100, blocks: 5 });
  const bare = results[0]!.medianMs;
  console.log(`${CALLS} calls per case, interleaved; Node ${process.version}\n`);
  console.log('| case | median ms | minus bare µs |');
  console.log('| --- | ---: | ---: |');
  for (const result of results) {
    console.log(
      `| ${result.name} | ${result.medianMs.toFixed(3)} | ${((result.medianMs - bare) * 1000).toFixed(0)} |`,
    );
  }
} finally {
  await simulators.close();
}
