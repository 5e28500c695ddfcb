import { beforeAll, describe, expect, it } from 'vitest';
import { createRouter, scoreComplexity } from '../src/index.js';
import { registerTestModels, seeded, userRequest } from './support/models.js';

beforeAll(registerTestModels);

const WORDS =
  'the a train leaves station at speed of miles per hour how many apples does she have left if he buys twice as many explain why which of the following is true'.split(
    ' ',
  );

/** Traffic of varied prompts: lengths, numbers and wording drawn from a seeded generator. */
function traffic(count: number, seed: number): string[] {
  const random = seeded(seed);
  return Array.from({ length: count }, () => {
    const words = 3 + Math.floor(random() ** 2 * 120);
    const parts: string[] = [];
    for (let index = 0; index < words; index += 1) {
      parts.push(
        random() < 0.12
          ? String(Math.floor(random() * 1000))
          : WORDS[Math.floor(random() * WORDS.length)]!,
      );
    }
    return `${parts.join(' ')}?`;
  });
}

describe('threshold routing', () => {
  it('sends scores at or above the cut point to the stronger tier and explains it', () => {
    const router = createRouter({
      routes: {
        auto: {
          candidates: ['acme/tiny', 'acme/mid', 'acme/large'],
          strategy: 'threshold',
          threshold: { tiers: ['acme/tiny', ['acme/mid', 'acme/large']], cutoffs: [0.5] },
        },
      },
    });
    for (const text of traffic(200, 1)) {
      const decision = router.decide(userRequest(text));
      const score = scoreComplexity(text);
      expect(decision.complexity).toBe(score);
      expect(decision.threshold).toBe(0.5);
      // The strong tier's cheapest member serves it.
      expect(decision.model).toBe(score >= 0.5 ? 'acme/mid' : 'acme/tiny');
      expect(decision.tier).toBe(score >= 0.5 ? 1 : 0);
    }
  });

  it('keeps a target share for the strong tier on live traffic', () => {
    const router = createRouter({
      routes: {
        auto: {
          candidates: ['acme/tiny', 'acme/large'],
          strategy: 'threshold',
          threshold: { tiers: ['acme/tiny', 'acme/large'], shares: [0.75, 0.25] },
        },
      },
    });
    const prompts = traffic(6_000, 2);
    let strong = 0;
    let counted = 0;
    prompts.forEach((text, index) => {
      const decision = router.decide(userRequest(text));
      if (index < 1_000) return; // the estimate warms up on the first scores
      counted += 1;
      if (decision.model === 'acme/large') strong += 1;
    });
    expect(Math.abs(strong / counted - 0.25)).toBeLessThan(0.03);
  });

  it('moves up a tier when the wanted tier cannot serve the request', () => {
    const router = createRouter({
      routes: {
        auto: {
          candidates: ['acme/tiny', 'acme/large'],
          strategy: 'threshold',
          threshold: { tiers: ['acme/tiny', 'acme/large'], cutoffs: [0.99] },
        },
      },
    });
    const decision = router.decide({
      ...userRequest('hi'),
      tools: [{ name: 't', parameters: {} }],
    });
    expect(decision).toMatchObject({ model: 'acme/large', tier: 1 });
  });

  it('three tiers with shares', () => {
    const router = createRouter({
      routes: {
        auto: {
          candidates: ['acme/tiny', 'acme/mid', 'acme/large'],
          strategy: 'threshold',
          threshold: { tiers: ['acme/tiny', 'acme/mid', 'acme/large'], shares: [0.5, 0.3, 0.2] },
        },
      },
    });
    const counts = new Map<string, number>();
    traffic(5_000, 3).forEach((text, index) => {
      const { model } = router.decide(userRequest(text));
      if (index >= 1_000) counts.set(model, (counts.get(model) ?? 0) + 1);
    });
    expect(Math.abs((counts.get('acme/tiny') ?? 0) / 4_000 - 0.5)).toBeLessThan(0.04);
    expect(Math.abs((counts.get('acme/mid') ?? 0) / 4_000 - 0.3)).toBeLessThan(0.04);
    expect(Math.abs((counts.get('acme/large') ?? 0) / 4_000 - 0.2)).toBeLessThan(0.04);
  });
});
