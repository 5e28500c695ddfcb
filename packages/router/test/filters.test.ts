import { beforeAll, describe, expect, it } from 'vitest';
import { createRouter, NoRouteCandidateError } from '../src/index.js';
import { QUALITY, registerTestModels, snapshot, userRequest } from './support/models.js';

beforeAll(registerTestModels);

const candidates = ['acme/tiny', 'acme/mid', 'acme/large'];
const weatherTool = { name: 'weather', parameters: { type: 'object', properties: {} } };

describe('filters inferred from the request', () => {
  it('never sends a request with tools to a model without tool calling', () => {
    const router = createRouter({
      routes: { auto: { candidates, strategy: 'cost' } },
      quality: QUALITY,
    });
    for (let index = 0; index < 50; index += 1) {
      const decision = router.decide({ ...userRequest(`question ${index}`), tools: [weatherTool] });
      expect(decision.model).not.toBe('acme/tiny');
      expect(decision.dropped).toContainEqual(
        expect.objectContaining({ model: 'acme/tiny', reason: 'no-tool-calling' }),
      );
    }
    // Without tools the cheapest model is fine again.
    expect(router.decide(userRequest('hello')).model).toBe('acme/tiny');
  });

  it('never sends a 150k-token prompt to a 128k model', () => {
    const router = createRouter({
      routes: { auto: { candidates: ['acme/mid', 'acme/large'], strategy: 'cost' } },
    });
    const decision = router.decide(userRequest('word '.repeat(120_000)));
    expect(decision.estimatedPromptTokens).toBeGreaterThan(150_000);
    expect(decision.model).toBe('acme/large');
    expect(decision.dropped).toEqual([
      expect.objectContaining({ model: 'acme/mid', reason: 'context-window' }),
    ]);
  });

  it('counts maxOutputTokens against the context window', () => {
    const router = createRouter({
      routes: { auto: { candidates: ['acme/tiny', 'acme/mid'], strategy: 'cost' } },
    });
    const request = { ...userRequest('x'.repeat(40_000)), maxOutputTokens: 7_000 };
    expect(router.decide(request).model).toBe('acme/mid');
  });

  it('infers vision, structured output and reasoning', () => {
    const router = createRouter({ routes: { auto: { candidates, strategy: 'cost' } } });
    const image = router.decide({
      model: 'auto',
      messages: [
        {
          role: 'user',
          content: [{ type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } }],
        },
      ],
    });
    expect(image.model).toBe('acme/large');
    const schema = router.decide({
      ...userRequest('x'),
      responseFormat: { type: 'json-schema', schema: { type: 'object' } },
    });
    expect(schema.model).toBe('acme/large');
    const json = router.decide({ ...userRequest('x'), responseFormat: { type: 'json' } });
    expect(json.model).toBe('acme/mid');
    const reasoning = router.decide({ ...userRequest('x'), reasoning: { effort: 'high' } });
    expect(reasoning.model).toBe('acme/large');
  });

  it('applies maxCostPerCall to the worst case, price caps and provider lists', () => {
    const capped = createRouter({
      routes: {
        auto: { candidates: ['acme/mid', 'acme/large'], strategy: 'quality', maxCostPerCall: 0.1 },
      },
    });
    // Worst cases: large 32k output tokens × $20/M ≈ $0.64, mid 8k × $4/M ≈ $0.03.
    expect(capped.decide(userRequest('hi')).model).toBe('acme/mid');
    const priced = createRouter({
      routes: { auto: { candidates, strategy: 'quality', maxOutputPrice: 5 } },
      quality: QUALITY,
    });
    expect(priced.decide(userRequest('hi')).model).toBe('acme/mid');
    const excluded = createRouter({
      routes: { auto: { candidates: ['acme/mid', 'openai/gpt-4.1'], excludeProviders: ['acme'] } },
    });
    expect(excluded.decide(userRequest('hi')).model).toBe('openai/gpt-4.1');
    const allowed = createRouter({
      routes: { auto: { candidates: ['acme/mid', 'openai/gpt-4.1'], allowProviders: ['acme'] } },
    });
    expect(allowed.decide(userRequest('hi')).model).toBe('acme/mid');
  });

  it('drops open circuits and unhealthy models from the health snapshot', () => {
    let health = snapshot({ 'acme/tiny': { breakerState: 'open' } });
    const router = createRouter({
      routes: { auto: { candidates, strategy: 'cost' } },
      health: { snapshot: () => health },
    });
    expect(router.decide(userRequest('hi')).model).toBe('acme/mid');
    health = snapshot({ 'acme/tiny': { successRate: 0.2, calls: 50 } });
    const decision = router.decide(userRequest('hi'));
    expect(decision.model).toBe('acme/mid');
    expect(decision.dropped[0]).toMatchObject({ model: 'acme/tiny', reason: 'unhealthy' });
    health = snapshot({}, { acme: { breakerState: 'open' } });
    expect(() => router.decide(userRequest('hi'))).toThrow(NoRouteCandidateError);
    health = snapshot({ 'acme/tiny': { breakerState: 'half-open' } });
    expect(router.decide(userRequest('hi')).model).toBe('acme/tiny');
  });

  it('lists every candidate and its reason when nothing fits', () => {
    const router = createRouter({
      routes: { auto: { candidates: ['acme/tiny', 'acme/mid'], maxInputPrice: 0.5 } },
    });
    let error: unknown;
    try {
      router.decide({ ...userRequest('hi'), tools: [weatherTool] });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(NoRouteCandidateError);
    if (!(error instanceof NoRouteCandidateError)) return;
    expect(error.retryable).toBe(false);
    expect(error.dropped.map((entry) => [entry.model, entry.reason])).toEqual([
      ['acme/tiny', 'no-tool-calling'],
      ['acme/mid', 'price-cap'],
    ]);
    expect(error.message).toContain('acme/tiny: the request has tools');
    expect(error.message).toContain('acme/mid: input price $1/M exceeds maxInputPrice $0.5/M');
  });

  it('takes candidates from a catalog filter', () => {
    const router = createRouter({
      routes: {
        auto: {
          candidates: { catalog: true, providers: ['acme'], priced: true },
          strategy: 'cost',
        },
      },
    });
    const decision = router.decide({ ...userRequest('hi'), tools: [weatherTool] });
    expect(decision.candidates.map((candidate) => candidate.model).sort()).toEqual([
      'acme/large',
      'acme/mid',
    ]);
    expect(decision.dropped.map((entry) => entry.model)).toEqual(['acme/tiny']);
    expect(decision.model).toBe('acme/mid');
  });
});
