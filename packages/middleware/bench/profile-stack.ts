/**
 * A run to profile: the full stack on a cache miss over the in-process mock, nothing else.
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx packages/middleware/bench/profile-stack.ts
 * then summarise with bench/profile/summarize-cpu-profile.mjs.
 */
import { createClient } from '@stratum/core';
import { freshRequest, fullStack, mockProvider, stackLayers } from './stack-cases.js';
import type { TokenLimit } from './stack-layers.js';

const CALLS = Number(process.env['PROFILE_CALLS'] ?? 100_000);
/** PROFILE_LAYER=cache (a key of `stackLayers`) profiles one layer alone; `bare` none. */
const layer = process.env['PROFILE_LAYER'] || undefined;
/** PROFILE_TOKENS=characters (or none) profiles the stack without the tokenizer. */
const tokens = (process.env['PROFILE_TOKENS'] || 'tokenizer') as TokenLimit;
const middleware =
  layer === undefined
    ? fullStack(tokens)
    : layer === 'bare'
      ? []
      : [stackLayers[layer as keyof typeof stackLayers]()];
const client = createClient({ providers: [mockProvider], middleware });
const started = performance.now();
for (let call = 0; call < CALLS; call += 1) {
  if (call % 1000 === 0) mockProvider.reset();
  await client.chat(freshRequest());
}
console.log(`${(((performance.now() - started) / CALLS) * 1000).toFixed(1)} µs/call`);
