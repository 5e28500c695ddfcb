import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCatalog, countByProvider, undatedName } from '../scripts/catalog/build-catalog.js';
import { toPricePerMillion } from '../scripts/catalog/map-litellm-entry.js';
import { generateCatalogModule, OUTPUT_PATH, SOURCE_PATH } from '../scripts/generate-catalog.js';
import { CATALOG_PRICE_DATE, catalogEntries } from '../src/catalog/catalog-data.js';
import { calculateCost, createUsage, getModel, listModels } from '../src/index.js';

const source: unknown = JSON.parse(readFileSync(SOURCE_PATH, 'utf8'));

describe('generated catalog', () => {
  it('is up to date with the generator and the repository copy of the price map', () => {
    const committed = readFileSync(OUTPUT_PATH, 'utf8');
    // If this fails: run `pnpm --filter @stratum/core catalog` and commit catalog-data.ts.
    expect(generateCatalogModule(source)).toBe(committed);
  });

  it('is deterministic: the same input gives the same text, whatever the key order', () => {
    const reversed = Object.fromEntries(
      Object.entries(source as Record<string, unknown>).reverse(),
    );
    expect(generateCatalogModule(reversed)).toBe(generateCatalogModule(source));
  });

  it('dates the prices from the source', () => {
    expect(CATALOG_PRICE_DATE).toBe('2026-07-24');
  });

  it('covers every provider with one entry per vendor id, sorted', () => {
    const counts = countByProvider(catalogEntries());
    for (const provider of [
      'openai',
      'anthropic',
      'google',
      'deepseek',
      'groq',
      'xai',
      'openrouter',
      'ollama',
      'azure',
      'mistral',
      'cohere',
      'bedrock',
    ]) {
      expect(counts[provider], provider).toBeGreaterThan(0);
    }
    const ids = catalogEntries().map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);
  });

  it('converts per-token prices to clean per-million prices', () => {
    expect(toPricePerMillion(3e-6, 'x')).toBe(3);
    expect(toPricePerMillion(2.8e-8, 'x')).toBe(0.028);
    expect(toPricePerMillion(1.875e-6, 'x')).toBe(1.875);
    expect(() => toPricePerMillion(1.5e-13, 'test')).toThrow(/finer than a picodollar/);
  });

  it('maps Claude Sonnet 4.5: cache prices, the 200k tier, the dated alias', () => {
    const model = getModel('anthropic/claude-sonnet-4-5');
    expect(model).toMatchObject({
      provider: 'anthropic',
      name: 'claude-sonnet-4-5',
      aliases: ['claude-sonnet-4-5-20250929'],
      contextWindow: 200_000,
      maxOutputTokens: 64_000,
      pricing: {
        input: 3,
        output: 15,
        cacheRead: 0.3,
        cacheWrite: 3.75,
        tiers: [
          { aboveInputTokens: 200_000, input: 6, output: 22.5, cacheRead: 0.6, cacheWrite: 7.5 },
        ],
      },
      capabilities: {
        tools: true,
        vision: true,
        reasoning: true,
        promptCaching: true,
        pdfInput: true,
      },
    });
    expect(getModel('anthropic/claude-sonnet-4-5-20250929')?.id).toBe(
      'anthropic/claude-sonnet-4-5',
    );
  });

  it('maps other thresholds than 200k: OpenAI 272k and xAI 128k', () => {
    expect(getModel('openai/gpt-5.4')?.pricing?.tiers).toEqual([
      { aboveInputTokens: 272_000, input: 5, output: 22.5, cacheRead: 0.5 },
    ]);
    expect(getModel('xai/grok-4-1-fast')?.pricing?.tiers).toEqual([
      { aboveInputTokens: 128_000, input: 0.4, output: 1 },
    ]);
  });

  it('strips LiteLLM routing prefixes and keeps OpenRouter vendor/model names', () => {
    expect(getModel('google/gemini-2.5-pro')?.name).toBe('gemini-2.5-pro');
    expect(getModel('groq/llama-3.3-70b-versatile')?.name).toBe('llama-3.3-70b-versatile');
    expect(getModel('openrouter/meta-llama/llama-3-70b-instruct')?.name).toBe(
      'meta-llama/llama-3-70b-instruct',
    );
    expect(getModel('groq/openai/gpt-oss-120b')?.name).toBe('openai/gpt-oss-120b');
    expect(listModels().some((model) => model.id.startsWith('google/gemini/'))).toBe(false);
  });

  it('leaves out price lists that are not model ids, and non-chat models', () => {
    const build = buildCatalog(source);
    const reasonOf = (key: string) => build.skipped.find((skip) => skip.key === key)?.reason;
    expect(reasonOf('azure/eu/gpt-5.1')).toMatch(/regional/);
    expect(reasonOf('bedrock/us-east-1/1-month-commitment/anthropic.claude-v1')).toMatch(
      /region-specific/,
    );
    expect(reasonOf('gemini/gemini-2.5-pro-preview-tts')).toMatch(/no text output/);
    expect(reasonOf('deepseek-chat')).toBe('same vendor id as deepseek/deepseek-chat');
    expect(getModel('openai/text-embedding-3-small')).toBeUndefined();
    expect(getModel('openai/dall-e-3')).toBeUndefined();
  });

  it("marks the models only OpenAI's Responses API serves (LiteLLM mode: responses)", () => {
    for (const id of [
      'openai/o3-pro',
      'openai/gpt-5-pro',
      'openai/gpt-5.1-codex',
      'azure/o3-pro',
    ]) {
      expect(getModel(id)?.api, id).toBe('responses');
    }
    expect(getModel('openai/gpt-4.1-mini')?.api).toBeUndefined();
    expect(getModel('openai/o3')?.api).toBeUndefined();
  });

  it('makes Ollama models local and free, except its cloud-hosted tags', () => {
    expect(getModel('ollama/llama3')).toMatchObject({
      local: true,
      pricing: { input: 0, output: 0 },
    });
    expect(getModel('ollama/gpt-oss:120b-cloud')?.local).toBeUndefined();
  });

  it('keeps a reasoning price only where it differs from the output price', () => {
    // Gemini 2.5 Flash lists output_cost_per_reasoning_token equal to its output price.
    expect(getModel('google/gemini-2.5-flash')?.pricing?.reasoning).toBeUndefined();
    const build = buildCatalog({
      last_updated: '2026-01-02T00:00:00',
      'xai/grok-think': {
        litellm_provider: 'xai',
        mode: 'chat',
        input_cost_per_token: 1e-6,
        output_cost_per_token: 2e-6,
        output_cost_per_reasoning_token: 4e-6,
      },
    });
    expect(build.entries).toEqual([
      { id: 'xai/grok-think', caps: '', pricing: { input: 1, output: 2, reasoning: 4 } },
    ]);
  });

  it('folds a dated snapshot into its undated entry only when their data are identical', () => {
    expect(undatedName('gpt-4o-2024-08-06')).toBe('gpt-4o');
    expect(undatedName('claude-sonnet-4-5-20250929')).toBe('claude-sonnet-4-5');
    expect(undatedName('command-r-08-2024')).toBe('command-r');
    expect(undatedName('grok-3-latest')).toBe('grok-3');
    expect(undatedName('gpt-4o')).toBeUndefined();
    // gpt-4o-2024-05-13 costs $5/$15, unlike gpt-4o: it stays its own entry.
    expect(getModel('openai/gpt-4o-2024-05-13')?.id).toBe('openai/gpt-4o-2024-05-13');
    expect(getModel('openai/gpt-4o-2024-05-13')?.pricing).toMatchObject({ input: 5, output: 15 });
    expect(getModel('openai/gpt-4o')?.aliases).toContain('gpt-4o-2024-08-06');
  });

  it('folds Bedrock inference profiles priced like the in-region id, keeps uplifted ones apart', () => {
    expect(getModel('bedrock/global.anthropic.claude-sonnet-4-5-20250929-v1:0')?.id).toBe(
      'bedrock/anthropic.claude-sonnet-4-5-20250929-v1:0',
    );
    // The Japan profile carries a 10% uplift ($3.30 in, $16.50 out): its own entry.
    expect(getModel('bedrock/jp.anthropic.claude-sonnet-4-5-20250929-v1:0')).toMatchObject({
      id: 'bedrock/jp.anthropic.claude-sonnet-4-5-20250929-v1:0',
      pricing: { input: 3.3, output: 16.5 },
    });
  });

  it('gives a Bedrock model the prices of the regions whose lists differ, and no others', () => {
    const novaPro = getModel('bedrock/amazon.nova-pro-v1:0');
    expect(novaPro?.pricing).toMatchObject({ input: 0.8, output: 3.2 });
    expect(novaPro?.regionalPricing).toEqual({
      'us-gov-east-1': { input: 0.96, output: 3.84 },
      'us-gov-west-1': { input: 0.96, output: 3.84 },
    });
    // us-east-1's list for claude-v2:1 matches the model's own price: no regional entry.
    expect(
      getModel('bedrock/anthropic.claude-v2:1')?.regionalPricing?.['us-east-1'],
    ).toBeUndefined();
  });

  it('prices a call at its region when the model lists that region, else at its own price', () => {
    const usage = createUsage({ inputTokens: 1_000_000, outputTokens: 0 });
    expect(
      calculateCost('bedrock/amazon.nova-pro-v1:0', usage, { region: 'us-gov-west-1' })?.total,
    ).toBe(0.96);
    expect(
      calculateCost('bedrock/amazon.nova-pro-v1:0', usage, { region: 'eu-west-1' })?.total,
    ).toBe(0.8);
    expect(calculateCost('bedrock/amazon.nova-pro-v1:0', usage)?.total).toBe(0.8);
  });
});
