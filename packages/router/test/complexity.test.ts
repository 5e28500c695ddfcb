import { describe, expect, it } from 'vitest';
import { accuracyOf, routingMetrics } from '../eval/routellm-metrics.js';
import {
  type ComplexityExample,
  DEFAULT_COMPLEXITY_MODEL,
  fitComplexity,
  MAX_SCORED_CHARACTERS,
  NGRAM_BUCKETS,
  scoreComplexity,
} from '../src/index.js';
import { seeded } from './support/models.js';

describe('scoreComplexity', () => {
  it('returns a number in [0, 1] for any request, and ranks a multi-step word problem above a greeting', () => {
    const hard =
      'A store sells pencils at $0.35 each and notebooks at $2.40 each. Maria buys 3 times as many pencils as notebooks and spends $31.50 in total. How many pencils did she buy, and what share of her money went to notebooks?';
    const easy = 'Say hello.';
    for (const text of [hard, easy, '', '🙂'.repeat(50), 'x'.repeat(500_000)]) {
      const score = scoreComplexity(text);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
    }
    expect(scoreComplexity(hard)).toBeGreaterThan(scoreComplexity(easy));
  });

  it('reads the last user message of a request', () => {
    const text = 'What is 17 × 23 − 4? Show the steps.';
    const request = {
      model: 'auto',
      messages: [
        { role: 'system' as const, content: 'Be brief.' },
        { role: 'user' as const, content: 'earlier question' },
        { role: 'assistant' as const, content: 'earlier answer' },
        { role: 'user' as const, content: [{ type: 'text' as const, text }] },
      ],
    };
    expect(scoreComplexity(request)).toBe(scoreComplexity(text));
  });

  it('reads a bounded prefix: text past the limit changes only the length feature', () => {
    const prefix = 'The committee debated the proposal at length. '
      .repeat(200)
      .slice(0, MAX_SCORED_CHARACTERS);
    const tailA = ' 12 + 7 = 19 '.repeat(300);
    const tailB = ' quietly and calmly '.repeat(195);
    expect(tailA.length).toBeGreaterThan(3_000);
    const withA = scoreComplexity(prefix + tailA.slice(0, 3_900));
    const withB = scoreComplexity(prefix + tailB.slice(0, 3_900));
    expect(withA).toBe(withB);
  });

  it('ships small weights', () => {
    expect(DEFAULT_COMPLEXITY_MODEL.ngramWeights).toHaveLength(NGRAM_BUCKETS);
    expect(JSON.stringify(DEFAULT_COMPLEXITY_MODEL).length).toBeLessThan(80_000);
  });
});

describe('fitComplexity', () => {
  it('learns a signal from labelled prompts and scores unseen prompts by it', () => {
    const random = seeded(3);
    const make = (count: number): ComplexityExample[] =>
      Array.from({ length: count }, (_, index) => {
        const hard = random() < 0.4;
        const numbers = Array.from({ length: hard ? 6 : 1 }, () => Math.floor(random() * 900)).join(
          ' and ',
        );
        return {
          prompt: `${hard ? 'Compute the total after discounts of' : 'Name the colour of'} item ${index} with ${numbers}?`,
          strongCorrect: true,
          weakCorrect: !hard || random() < 0.2,
        };
      });
    const model = fitComplexity(make(400), { steps: 150 });
    const test = make(300);
    const metrics = routingMetrics(
      test.map((example) => ({ ...example, group: 'synthetic' })),
      test.map((example) => scoreComplexity(example.prompt, model)),
    );
    expect(metrics.apgr).toBeGreaterThan(0.8);
  });

  it('rejects too few examples with a message that says what to do', () => {
    expect(() => fitComplexity([{ prompt: 'a', strongCorrect: true, weakCorrect: false }])).toThrow(
      /at least 20/,
    );
  });
});

describe('RouteLLM metrics', () => {
  const prompts = [
    { prompt: 'a', group: 'g', strongCorrect: true, weakCorrect: false },
    { prompt: 'b', group: 'g', strongCorrect: true, weakCorrect: true },
    { prompt: 'c', group: 'g', strongCorrect: false, weakCorrect: false },
    { prompt: 'd', group: 'g', strongCorrect: true, weakCorrect: false },
  ];

  it('gives a perfect router an APGR above random and the strong and weak accuracies at the ends', () => {
    expect(accuracyOf(prompts, true)).toBe(75);
    expect(accuracyOf(prompts, false)).toBe(25);
    const oracle = routingMetrics(prompts, [1, 0, 0.1, 0.9]);
    const reversed = routingMetrics(prompts, [0, 1, 0.9, 0.1]);
    expect(oracle.points[0]).toEqual({ strongPercent: 0, accuracy: 25 });
    expect(oracle.points.at(-1)).toEqual({ strongPercent: 100, accuracy: 75 });
    expect(oracle.apgr).toBeGreaterThan(0.7);
    expect(reversed.apgr).toBeLessThan(0.3);
    // Half the gap is recovered once the top-scored prompt goes strong: 25% of calls.
    expect(oracle.cpt50).toBeCloseTo(25, 5);
  });
});
