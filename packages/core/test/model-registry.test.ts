import { afterEach, describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  calculateCost,
  createUsage,
  getModel,
  listModels,
  type RegisterModelInput,
  registerModel,
  unregisterModel,
} from '../src/index.js';

afterEach(() => {
  for (const id of [
    'anthropic/claude-sonnet-4-5',
    'anthropic/claude-sonnet-4-5-20250929',
    'vllm/llama-3.1-8b',
    'vllm/priced',
  ]) {
    unregisterModel(id);
  }
});

describe('getModel', () => {
  it('finds catalog models by canonical id and by provider/alias', () => {
    expect(getModel('openai/gpt-4.1-mini')).toMatchObject({
      source: 'catalog',
      provider: 'openai',
    });
    expect(getModel('openai/gpt-4.1-mini-2025-04-14')?.id).toBe('openai/gpt-4.1-mini');
  });

  it('returns undefined for unknown ids and for bare names (resolveModel handles those)', () => {
    expect(getModel('openai/nope')).toBeUndefined();
    expect(getModel('gpt-4.1-mini')).toBeUndefined();
  });
});

describe('listModels', () => {
  it('filters by provider', () => {
    const anthropic = listModels({ provider: 'anthropic' });
    expect(anthropic.length).toBeGreaterThan(5);
    expect(anthropic.every((model) => model.provider === 'anthropic')).toBe(true);
    expect(anthropic.map((model) => model.id)).toContain('anthropic/claude-sonnet-4-5');
  });

  it('filters by capabilities, every given flag matching', () => {
    const models = listModels({
      provider: 'openai',
      capabilities: { reasoning: true, vision: true },
    });
    expect(models.length).toBeGreaterThan(0);
    for (const model of models) {
      expect(model.capabilities).toMatchObject({ reasoning: true, vision: true });
    }
    expect(models.map((model) => model.id)).not.toContain('openai/gpt-4o-mini');
    const noTools = listModels({ capabilities: { tools: false } });
    expect(noTools.every((model) => !model.capabilities.tools)).toBe(true);
  });

  it('filters by priced', () => {
    registerModel({ id: 'vllm/llama-3.1-8b', capabilities: { tools: true } });
    expect(listModels({ priced: true }).map((model) => model.id)).not.toContain(
      'vllm/llama-3.1-8b',
    );
    expect(listModels({ priced: false }).map((model) => model.id)).toEqual(['vllm/llama-3.1-8b']);
    expect(listModels({ provider: 'vllm' })).toHaveLength(1);
  });

  it('lists in id order', () => {
    const ids = listModels({ provider: 'google' }).map((model) => model.id);
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : 1)));
  });
});

describe('registerModel', () => {
  it('overrides a catalog price with a negotiated one, keeping the other data', () => {
    const model = registerModel({
      id: 'anthropic/claude-sonnet-4-5',
      pricing: { input: 2.4, output: 12, cacheRead: 0.24, cacheWrite: 3 },
    });
    expect(model).toMatchObject({
      source: 'registered',
      name: 'claude-sonnet-4-5',
      contextWindow: 200_000,
      aliases: ['claude-sonnet-4-5-20250929'],
      capabilities: { tools: true, reasoning: true },
    });
    expect(getModel('anthropic/claude-sonnet-4-5')?.pricing?.input).toBe(2.4);
    // The alias now finds the override too.
    expect(getModel('anthropic/claude-sonnet-4-5-20250929')?.source).toBe('registered');
    // 1M input × $2.40 + 100k output × $12 / 1M = $2.40 + $1.20 = $3.60
    const usage = createUsage({ inputTokens: 1_000_000, outputTokens: 100_000 });
    expect(calculateCost('anthropic/claude-sonnet-4-5', usage)?.total).toBe(3.6);
  });

  it('shows the catalog entry again after unregisterModel', () => {
    registerModel({ id: 'anthropic/claude-sonnet-4-5', pricing: { input: 1, output: 1 } });
    expect(unregisterModel('anthropic/claude-sonnet-4-5')).toBe(true);
    expect(getModel('anthropic/claude-sonnet-4-5')).toMatchObject({
      source: 'catalog',
      pricing: { input: 3 },
    });
    expect(unregisterModel('anthropic/claude-sonnet-4-5')).toBe(false);
  });

  it('registers a self-hosted model: local without a price costs a real $0', () => {
    const model = registerModel({
      id: 'vllm/llama-3.1-8b',
      local: true,
      contextWindow: 131_072,
      capabilities: { tools: true },
    });
    expect(model).toMatchObject({
      provider: 'vllm',
      name: 'llama-3.1-8b',
      local: true,
      pricing: { input: 0, output: 0 },
      capabilities: { tools: true, vision: false },
    });
    expect(calculateCost('vllm/llama-3.1-8b', createUsage({ inputTokens: 10_000 }))?.total).toBe(0);
  });

  it('registers a snapshot of a catalog model under its own id without taking over the aliases', () => {
    const model = registerModel({
      id: 'anthropic/claude-sonnet-4-5-20250929',
      pricing: { input: 2, output: 10 },
    });
    expect(model.aliases).toBeUndefined();
    expect(model.contextWindow).toBe(200_000);
    expect(getModel('anthropic/claude-sonnet-4-5-20250929')?.pricing?.input).toBe(2);
    expect(getModel('anthropic/claude-sonnet-4-5')?.pricing?.input).toBe(3);
  });

  it.each<[string, RegisterModelInput, RegExp]>([
    ['an id without provider', { id: 'my-model' }, /"provider\/model"/],
    [
      'a negative price',
      { id: 'vllm/priced', pricing: { input: -1, output: 1 } },
      /pricing.input must be a non-negative number/,
    ],
    [
      'a missing output price',
      { id: 'vllm/priced', pricing: { input: 1 } as never },
      /pricing.output is required/,
    ],
    [
      'a price finer than a picodollar per token',
      { id: 'vllm/priced', pricing: { input: 1e-9, output: 1 } },
      /finer than 0.000001/,
    ],
    [
      'a bad tier threshold',
      {
        id: 'vllm/priced',
        pricing: { input: 1, output: 1, tiers: [{ aboveInputTokens: -5, input: 2, output: 2 }] },
      },
      /tiers\[0\].aboveInputTokens must be a positive whole number/,
    ],
    [
      'an unknown capability',
      { id: 'vllm/priced', capabilities: { telepathy: true } as never },
      /unknown capability "telepathy". Known: tools/,
    ],
    [
      'a fractional context window',
      { id: 'vllm/priced', contextWindow: 1.5 },
      /contextWindow must be a positive whole number/,
    ],
  ])('rejects %s with a ConfigurationError saying how to fix it', (_case, input, message) => {
    expect(() => registerModel(input)).toThrow(ConfigurationError);
    expect(() => registerModel(input)).toThrow(message);
    expect(getModel(input.id)).toBeUndefined();
  });
});
