/**
 * Each middleware of the stack alone over the in-process mock, against the bare client,
 * interleaved sample by sample: where the stack's per-call microseconds go.
 *   node --import tsx packages/middleware/bench/stack-ablation.ts
 */
import { type Client, createClient } from '@stratum/core';
import { freshRequest, fullStack, mockProvider, stackLayers } from './stack-cases.js';

const SAMPLES = Number(process.env['BENCH_SAMPLES'] ?? 100);
const CALLS = Number(process.env['BENCH_CALLS'] ?? 50);
const cases: Array<[string, Client]> = [
  ['bare', createClient({ providers: [mockProvider] })],
  ['full stack', createClient({ providers: [mockProvider], middleware: fullStack() })],
  [
    'full stack, tokens by characters',
    createClient({ providers: [mockProvider], middleware: fullStack('characters') }),
  ],
  [
    'full stack, requests-only rate limit',
    createClient({ providers: [mockProvider], middleware: fullStack('none') }),
  ],
  ...Object.entries(stackLayers).map(([name, make]): [string, Client] => [
    `only ${name}`,
    createClient({ providers: [mockProvider], middleware: [make()] }),
  ]),
  ...fullStack().map((layer, index): [string, Client] => [
    `full stack without ${layer.name}`,
    createClient({
      providers: [mockProvider],
      middleware: fullStack().filter((_, other) => other !== index),
    }),
  ]),
];
const samples = cases.map((): number[] => []);
// CPU time as well as wall time: on a loaded machine the wall clock also counts time spent
// waiting for a core, the CPU clock only this process's work.
const cpuSamples = cases.map((): number[] => []);
for (const [, client] of cases)
  for (let call = 0; call < 2_000; call += 1) await client.chat(freshRequest());
for (let sample = 0; sample < SAMPLES; sample += 1) {
  for (const [index, [, client]] of cases.entries()) {
    mockProvider.reset();
    const requests = Array.from({ length: CALLS }, freshRequest);
    const cpuStarted = process.cpuUsage();
    const started = process.hrtime.bigint();
    for (const request of requests) await client.chat(request);
    samples[index]?.push(Number(process.hrtime.bigint() - started) / CALLS / 1000);
    const cpu = process.cpuUsage(cpuStarted);
    cpuSamples[index]?.push((cpu.user + cpu.system) / CALLS);
  }
}
const median = (values: number[]) =>
  values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const bare = median(samples[0] ?? []);
const bareCpu = median(cpuSamples[0] ?? []);
console.log(
  '| case | median µs/call | minus bare µs | CPU µs/call | CPU minus bare µs |\n| --- | ---: | ---: | ---: | ---: |',
);
for (const [index, [name]] of cases.entries()) {
  const value = median(samples[index] ?? []);
  const cpu = median(cpuSamples[index] ?? []);
  console.log(
    `| ${name} | ${value.toFixed(1)} | ${(value - bare).toFixed(1)} | ${cpu.toFixed(1)} | ${(cpu - bareCpu).toFixed(1)} |`,
  );
}
