import { loadGsm8k, loadMmlu } from '../../eval/load-routellm-data.js';
import { extractPromptFeatures } from '../../src/complexity/complexity-features.js';
import { scoreComplexity } from '../../src/index.js';

/** Every this-many-th evaluation prompt is a sample, which spreads them over all subjects. */
const EVAL_STRIDE = 37;

/**
 * Prompts whose features and scores are pinned by `complexity-golden.json`: edge cases of the
 * extractor (choices, numbers, fractions, capitals, non-ASCII, the bounded prefix) and a spread
 * of the evaluation prompts.
 */
export function samplePrompts(): { edge: string[]; evaluation: string[] } {
  const edge = [
    '',
    'Say hello.',
    '🙂'.repeat(50),
    'x'.repeat(500_000),
    'What is 17 × 23 − 4? Show the steps.',
    'A store sells pencils at $0.35 each and notebooks at $2.40 each. Maria buys 3 times as many pencils as notebooks and spends $31.50 in total. How many pencils did she buy?',
    'Which of the following is NOT true?\nA. 1/2 + 1/3 = 5/6\nB. 2^10 = 1,024\n(C) 3.14159 > 22/7\nD: never\n',
    '  A.\tindented choice\n\tB) second choice 12\n C. third 7.5%\n',
    'ÉCOLE naïve café — 1,234,567,890,123 and 99999999999999999999 1.5/2 3,x 4.',
    'The committee debated the proposal at length. '.repeat(200) + ' 12 + 7 = 19 '.repeat(300),
    'Line one\nline two\n\n\nA. B. C. D.\n?!.*+=^',
    // Numbers, choices and the end of the text right at the bounded prefix's limit.
    `${'a '.repeat(1_499)}12.5`,
    `${'a '.repeat(1_499)}1,`,
    `${'1'.repeat(2_999)},5`,
    `${'x'.repeat(2_996)}\n(A) choice`,
    `${'x'.repeat(2_997)}\nB. c`,
    `${'word '.repeat(599)}12/`,
    `${'é'.repeat(2_998)}7.25 and more`,
  ];
  const evaluation = [...loadGsm8k(), ...loadMmlu()].map((example) => example.prompt);
  return { edge, evaluation };
}

/** The pinned samples: every edge case and a spread of the evaluation prompts. */
export function pinnedPrompts({ edge, evaluation }: { edge: string[]; evaluation: string[] }) {
  return [...edge, ...evaluation.filter((_, index) => index % EVAL_STRIDE === 0)];
}

export interface FeatureFingerprint {
  score: number;
  dense: number[];
  ngramCount: number;
  /** FNV-1a over the n-gram buckets and signs, in order. */
  ngramDigest: number;
}

/** What the extractor and the shipped scorer make of `text`, in a form JSON keeps exactly. */
export function fingerprintOf(text: string): FeatureFingerprint {
  const features = extractPromptFeatures(text);
  let digest = 0x811c_9dc5;
  for (let index = 0; index < features.ngramCount; index += 1) {
    digest = Math.imul(digest ^ (features.ngrams[index] ?? 0), 0x0100_0193);
    digest = Math.imul(digest ^ ((features.ngramSigns[index] ?? 0) + 2), 0x0100_0193);
  }
  return {
    score: scoreComplexity(text),
    dense: Array.from(features.dense),
    ngramCount: features.ngramCount,
    ngramDigest: digest >>> 0,
  };
}

/** One number for the fingerprints of many prompts: scores and features, bit for bit. */
export function digestOf(fingerprints: readonly FeatureFingerprint[]): number {
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  let digest = 0x811c_9dc5;
  const mix = (value: number) => {
    bits[0] = value;
    digest = Math.imul(digest ^ (words[0] ?? 0), 0x0100_0193);
    digest = Math.imul(digest ^ (words[1] ?? 0), 0x0100_0193);
  };
  for (const fingerprint of fingerprints) {
    mix(fingerprint.score);
    for (const value of fingerprint.dense) mix(value);
    mix(fingerprint.ngramCount);
    mix(fingerprint.ngramDigest);
  }
  return digest >>> 0;
}
