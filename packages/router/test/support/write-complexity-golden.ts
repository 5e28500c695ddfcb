/**
 * Pins what the complexity extractor and the shipped scorer make of the sample prompts, so that
 * a rewrite for speed is checked to change nothing (test/complexity-golden.test.ts). Rerun only
 * when the features or the shipped weights are meant to change:
 *   node --conditions=@stratum/source --import tsx test/support/write-complexity-golden.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { digestOf, fingerprintOf, pinnedPrompts, samplePrompts } from './complexity-samples.js';

const prompts = samplePrompts();
const samples = pinnedPrompts(prompts).map(fingerprintOf);
const evaluationDigest = digestOf(prompts.evaluation.map(fingerprintOf));
writeFileSync(
  join(import.meta.dirname, 'complexity-golden.json'),
  `${JSON.stringify({ evaluationPrompts: prompts.evaluation.length, evaluationDigest, samples })}\n`,
);
console.log(
  `${samples.length} prompts pinned; digest of ${prompts.evaluation.length} evaluation prompts ${evaluationDigest}`,
);
