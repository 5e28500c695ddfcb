import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  digestOf,
  type FeatureFingerprint,
  fingerprintOf,
  pinnedPrompts,
  samplePrompts,
} from './support/complexity-samples.js';

interface Golden {
  evaluationPrompts: number;
  evaluationDigest: number;
  samples: FeatureFingerprint[];
}

const golden: Golden = JSON.parse(
  readFileSync(join(import.meta.dirname, 'support/complexity-golden.json'), 'utf8'),
);

// The pinned values were written when the features last changed on purpose (seven added with the
// current shipped weights); features and scores must match them exactly, so the shipped weights
// keep their meaning through any rewrite for speed.
describe('complexity features and scores stay as pinned', () => {
  const prompts = samplePrompts();

  it('matches each pinned sample prompt exactly', () => {
    const pinned = pinnedPrompts(prompts);
    expect(pinned).toHaveLength(golden.samples.length);
    for (const [index, prompt] of pinned.entries()) {
      expect(fingerprintOf(prompt), `sample ${index}`).toEqual(golden.samples[index]);
    }
  });

  it('matches the digest of every evaluation prompt', () => {
    expect(prompts.evaluation).toHaveLength(golden.evaluationPrompts);
    expect(digestOf(prompts.evaluation.map(fingerprintOf))).toBe(golden.evaluationDigest);
  });
});
