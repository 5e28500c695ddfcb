import { beforeAll, describe, expect, it } from 'vitest';
import {
  createRouter,
  type HealthSnapshot,
  MANUAL_MODEL_KEY,
  QUALITY_TABLE,
} from '../src/index.js';
import { QUALITY, registerTestModels, seeded, snapshot, userRequest } from './support/models.js';

beforeAll(registerTestModels);

const candidates = ['acme/tiny', 'acme/mid', 'acme/large'];

describe('strategies on a fixed candidate set', () => {
  const decideWith = (
    strategy: Parameters<typeof createRouter>[0]['routes'][string]['strategy'],
    extra = {},
  ) =>
    createRouter({ routes: { auto: { candidates, strategy, ...extra } }, quality: QUALITY }).decide(
      userRequest('hello'),
    );

  it('cost picks the cheapest estimate, quality the best score', () => {
    const cost = decideWith('cost');
    expect(cost.model).toBe('acme/tiny');
    expect(cost.candidates.map((candidate) => candidate.estimatedCostUsd)).toEqual([
      expect.closeTo((5 * 0.1 + 2_000 * 0.4) / 1e6, 9),
      expect.closeTo((5 * 1 + 8_000 * 4) / 1e6, 9),
      expect.closeTo((5 * 5 + 32_000 * 20) / 1e6, 9),
    ]);
    expect(decideWith('quality').model).toBe('acme/large');
  });

  it('balanced defaults to 60/40 cost/quality and takes other weights', () => {
    const balanced = decideWith('balanced');
    expect(balanced.strategy).toBe('balanced');
    // tiny: cost 1, quality 0 → 0.6; mid: between; large: cost 0, quality 1 → 0.4.
    expect(balanced.candidates[0]?.score).toBeCloseTo(0.6, 6);
    expect(balanced.candidates[2]?.score).toBeCloseTo(0.4, 6);
    expect(balanced.model).toBe('acme/tiny');
    expect(decideWith('balanced', { balancedWeights: { cost: 0.2, quality: 0.8 } }).model).toBe(
      'acme/large',
    );
  });

  it('quality scores come from the dated table unless overridden', () => {
    const router = createRouter({
      routes: {
        auto: { candidates: ['openai/gpt-4.1', 'openai/gpt-4.1-mini'], strategy: 'quality' },
      },
    });
    const decision = router.decide(userRequest('hi'));
    expect(decision.model).toBe('openai/gpt-4.1');
    expect(decision.candidates[0]?.quality).toBe(QUALITY_TABLE['openai/gpt-4.1']?.score);
    const overridden = createRouter({
      routes: {
        auto: { candidates: ['openai/gpt-4.1', 'openai/gpt-4.1-mini'], strategy: 'quality' },
      },
      quality: { 'openai/gpt-4.1-mini': 2000 },
    });
    expect(overridden.decide(userRequest('hi')).model).toBe('openai/gpt-4.1-mini');
  });

  it('manual takes the model the caller names, custom runs the function', () => {
    const router = createRouter({ routes: { auto: { candidates, strategy: 'manual' } } });
    expect(
      router.decide({ ...userRequest('hi'), metadata: { [MANUAL_MODEL_KEY]: 'acme/mid' } }).model,
    ).toBe('acme/mid');
    expect(() => router.decide(userRequest('hi'))).toThrow(/metadata\.routerModel/);
    const custom = createRouter({
      routes: { auto: { candidates, strategy: (list) => list[list.length - 1]!.model } },
    });
    const decision = custom.decide(userRequest('hi'));
    expect(decision).toMatchObject({ model: 'acme/large', strategy: 'custom' });
  });

  it('round-robin over 10,000 decisions gives each candidate its third within 2%', () => {
    const router = createRouter({ routes: { auto: { candidates, strategy: 'round-robin' } } });
    const counts = new Map<string, number>();
    for (let index = 0; index < 10_000; index += 1) {
      const { model } = router.decide(userRequest('hi'));
      counts.set(model, (counts.get(model) ?? 0) + 1);
    }
    for (const model of candidates)
      expect(Math.abs((counts.get(model) ?? 0) / 10_000 - 1 / 3)).toBeLessThan(0.02);
  });

  it('weighted over 10,000 decisions follows the weights within 2%', () => {
    const router = createRouter({
      routes: {
        auto: {
          strategy: 'weighted',
          candidates: [
            { model: 'acme/tiny', weight: 6 },
            { model: 'acme/mid', weight: 3 },
            { model: 'acme/large', weight: 1 },
          ],
        },
      },
      random: seeded(7),
    });
    const counts = new Map<string, number>();
    for (let index = 0; index < 10_000; index += 1) {
      const { model } = router.decide(userRequest('hi'));
      counts.set(model, (counts.get(model) ?? 0) + 1);
    }
    expect(Math.abs((counts.get('acme/tiny') ?? 0) / 10_000 - 0.6)).toBeLessThan(0.02);
    expect(Math.abs((counts.get('acme/mid') ?? 0) / 10_000 - 0.3)).toBeLessThan(0.02);
    expect(Math.abs((counts.get('acme/large') ?? 0) / 10_000 - 0.1)).toBeLessThan(0.02);
  });

  it('latency follows the health snapshot, with the prior before there is data', () => {
    let health: HealthSnapshot = snapshot({});
    const router = createRouter({
      routes: { auto: { candidates, strategy: 'latency' } },
      health: { snapshot: () => health },
      latencyPriorMs: { 'acme/mid': 300 },
    });
    expect(router.decide(userRequest('hi')).model).toBe('acme/mid');
    health = snapshot({ 'acme/large': { latencyMs: { p50: 120, p95: 300, p99: 500 } } });
    expect(router.decide(userRequest('hi')).model).toBe('acme/large');
    health = snapshot({
      'acme/large': { latencyMs: { p50: 900, p95: 1_300, p99: 1_500 } },
      'acme/tiny': { latencyMs: { p50: 80, p95: 200, p99: 300 } },
    });
    const decision = router.decide(userRequest('hi'));
    expect(decision.model).toBe('acme/tiny');
    expect(decision.candidates.map((candidate) => candidate.latencyMs)).toEqual([80, 300, 900]);
  });

  it('least-busy picks the model with the fewest calls in flight', () => {
    const health = snapshot({
      'acme/tiny': { inFlight: 4 },
      'acme/mid': { inFlight: 1 },
      'acme/large': { inFlight: 2 },
    });
    const router = createRouter({
      routes: { auto: { candidates, strategy: 'least-busy' } },
      health: { snapshot: () => health },
    });
    expect(router.decide(userRequest('hi')).model).toBe('acme/mid');
  });
});
