import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  calculateCost,
  createClient,
  createUsage,
  InvalidRequestError,
  type ModelInfo,
  registerModel,
  toPicodollars,
  unregisterModel,
} from '../src/index.js';
import { createFakeProvider, textResult } from './helpers/fake-provider.js';

afterEach(() => {
  unregisterModel('test/thinker');
  unregisterModel('test/unpriced');
});

describe('calculateCost', () => {
  it('prices Anthropic cache reads and writes (claude-sonnet-4-5: $3 in, $15 out, $0.30 read, $3.75 write)', () => {
    // Anthropic reports input_tokens 1,000 (after the last cache breakpoint),
    // cache_creation_input_tokens 2,000 and cache_read_input_tokens 10,000:
    // inputTokens = 1,000 + 2,000 + 10,000 = 13,000.
    const usage = createUsage({
      inputTokens: 13_000,
      cacheWriteTokens: 2_000,
      cacheReadTokens: 10_000,
      outputTokens: 500,
    });
    // input      1,000 × $3    / 1M = $0.003
    // cacheWrite 2,000 × $3.75 / 1M = $0.0075
    // cacheRead 10,000 × $0.30 / 1M = $0.003
    // output       500 × $15   / 1M = $0.0075
    // total = $0.021
    expect(calculateCost('anthropic/claude-sonnet-4-5', usage)).toEqual({
      currency: 'USD',
      input: 0.003,
      cacheWrite: 0.0075,
      cacheRead: 0.003,
      output: 0.0075,
      reasoning: 0,
      total: 0.021,
      source: 'catalog',
    });
  });

  it('prices OpenAI cached tokens as part of the prompt (gpt-4.1-mini: $0.40 in, $0.10 cached, $1.60 out)', () => {
    // prompt_tokens 2,000 include cached_tokens 1,500; completion_tokens 100.
    const usage = createUsage({ inputTokens: 2_000, cacheReadTokens: 1_500, outputTokens: 100 });
    // input  500 × $0.40 / 1M = $0.0002; cacheRead 1,500 × $0.10 / 1M = $0.00015;
    // output 100 × $1.60 / 1M = $0.00016; total = $0.00051
    const cost = calculateCost('gpt-4.1-mini', usage);
    expect(cost).toMatchObject({ input: 0.0002, cacheRead: 0.00015, output: 0.00016 });
    expect(cost?.total).toBe(0.00051);
  });

  it('reprices the whole Gemini 2.5 Pro call above 200k prompt tokens', () => {
    // Base: $1.25 in, $10 out, $0.125 cached. Above 200k: $2.50 in, $15 out, $0.25 cached.
    // 250,000 prompt tokens (50,000 cached), 2,000 output (thoughts included).
    const above = calculateCost(
      'google/gemini-2.5-pro',
      createUsage({
        inputTokens: 250_000,
        cacheReadTokens: 50_000,
        outputTokens: 2_000,
        reasoningTokens: 800,
      }),
    );
    // input 200,000 × $2.50 = $0.5; cacheRead 50,000 × $0.25 = $0.0125; output 2,000 × $15 = $0.03
    expect(above).toMatchObject({ input: 0.5, cacheRead: 0.0125, output: 0.03, reasoning: 0 });
    expect(above?.total).toBe(0.5425);
    // Exactly 200,000 is not above the threshold: 200,000 × $1.25 + 2,000 × $10 = $0.25 + $0.02.
    const at = calculateCost(
      'google/gemini-2.5-pro',
      createUsage({ inputTokens: 200_000, outputTokens: 2_000 }),
    );
    expect(at?.total).toBe(0.27);
    // One more token tips the whole call: 200,001 × $2.50 + 2,000 × $15 = $0.5000025 + $0.03.
    const past = calculateCost(
      'google/gemini-2.5-pro',
      createUsage({ inputTokens: 200_001, outputTokens: 2_000 }),
    );
    expect(past?.total).toBe(0.5300025);
  });

  it('counts cache tokens toward Anthropic’s 200k threshold (claude-sonnet-4-5)', () => {
    // input_tokens 150,000 + cache_read_input_tokens 60,000 = 210,000 > 200,000: the tier
    // ($6 in, $22.50 out, $0.60 read) prices everything although the uncached part is below it.
    const cost = calculateCost(
      'anthropic/claude-sonnet-4-5-20250929',
      createUsage({ inputTokens: 210_000, cacheReadTokens: 60_000, outputTokens: 1_000 }),
    );
    // input 150,000 × $6 = $0.9; cacheRead 60,000 × $0.60 = $0.036; output 1,000 × $22.50 = $0.0225
    expect(cost).toMatchObject({ input: 0.9, cacheRead: 0.036, output: 0.0225, total: 0.9585 });
  });

  it('prices reasoning apart when the model has a reasoning price', () => {
    registerModel({ id: 'test/thinker', pricing: { input: 1, output: 2, reasoning: 4 } });
    const usage = createUsage({ inputTokens: 1_000, outputTokens: 1_000, reasoningTokens: 600 });
    // input 1,000 × $1 = $0.001; output (1,000 − 600) × $2 = $0.0008; reasoning 600 × $4 = $0.0024
    expect(calculateCost('test/thinker', usage)).toMatchObject({
      input: 0.001,
      output: 0.0008,
      reasoning: 0.0024,
      total: 0.0042,
    });
  });

  it('bills reasoning as output when the model has no reasoning price', () => {
    // gpt-4.1-mini: 1,000 output tokens (600 of them reasoning) × $1.60 / 1M = $0.0016
    const cost = calculateCost(
      'openai/gpt-4.1-mini',
      createUsage({ outputTokens: 1_000, reasoningTokens: 600 }),
    );
    expect(cost).toMatchObject({ output: 0.0016, reasoning: 0, total: 0.0016 });
  });

  it('returns undefined when the price is unknown', () => {
    const usage = createUsage({ inputTokens: 10, outputTokens: 10 });
    expect(calculateCost('openai/gpt-does-not-exist', usage)).toBeUndefined();
    expect(calculateCost('no-such-model-anywhere', usage)).toBeUndefined();
    registerModel({ id: 'test/unpriced' });
    expect(calculateCost('test/unpriced', usage)).toBeUndefined();
  });

  it('gives a local model a real $0, not an unknown price', () => {
    const cost = calculateCost(
      'ollama/llama3',
      createUsage({ inputTokens: 5_000, outputTokens: 900 }),
    );
    expect(cost).toEqual({
      currency: 'USD',
      input: 0,
      cacheRead: 0,
      cacheWrite: 0,
      output: 0,
      reasoning: 0,
      total: 0,
      source: 'catalog',
    });
  });

  it('rejects usage counts that are not whole non-negative numbers', () => {
    const bad = { ...createUsage({ inputTokens: 10 }), outputTokens: 1.5 };
    expect(() => calculateCost('openai/gpt-4.1-mini', bad)).toThrow(InvalidRequestError);
    expect(() => calculateCost('openai/gpt-4.1-mini', bad)).toThrow(/usage.outputTokens must be/);
  });

  it('sums the breakdown exactly to the total, in integer picodollars (property)', () => {
    // Prices are whole micro-dollars per million tokens (the catalog's granularity), up to $200/M.
    const price = fc.integer({ min: 0, max: 200_000_000 }).map((micro) => micro / 1_000_000);
    const pricing = fc.record(
      {
        input: price,
        output: price,
        cacheRead: price,
        cacheWrite: price,
        reasoning: price,
        tiers: fc.array(
          fc.record({
            aboveInputTokens: fc.integer({ min: 1, max: 1_000_000 }),
            input: price,
            output: price,
          }),
          { maxLength: 2 },
        ),
      },
      { requiredKeys: ['input', 'output'] },
    );
    const usage = fc
      .record({
        input: fc.integer({ min: 0, max: 2_000_000 }),
        read: fc.integer({ min: 0, max: 2_000_000 }),
        write: fc.integer({ min: 0, max: 2_000_000 }),
        output: fc.integer({ min: 0, max: 200_000 }),
        reasoning: fc.integer({ min: 0, max: 200_000 }),
      })
      .map(({ input, read, write, output, reasoning }) => {
        const cacheReadTokens = Math.min(read, input);
        return createUsage({
          inputTokens: input,
          cacheReadTokens,
          cacheWriteTokens: Math.min(write, input - cacheReadTokens),
          outputTokens: output,
          reasoningTokens: Math.min(reasoning, output),
        });
      });
    fc.assert(
      fc.property(pricing, usage, (prices, tokens) => {
        const model: ModelInfo = {
          id: 'test/property',
          provider: 'test',
          name: 'property',
          pricing: prices,
          capabilities: {
            tools: false,
            vision: false,
            jsonOutput: false,
            structuredOutput: false,
            reasoning: false,
            promptCaching: false,
            pdfInput: false,
          },
          source: 'registered',
        };
        const cost = calculateCost(model, tokens);
        if (!cost) return false;
        const parts = [cost.input, cost.cacheRead, cost.cacheWrite, cost.output, cost.reasoning];
        const sum = parts.reduce((total, part) => total + toPicodollars(part), 0n);
        // …and the total is the double nearest that exact sum, not a float sum of the parts.
        return (
          sum === toPicodollars(cost.total) &&
          cost.total === Number(sum) / 1e12 &&
          parts.every((part) => part >= 0)
        );
      }),
      { numRuns: 500 },
    );
  });
});

describe('createClient pricing', () => {
  it('warns with unknown-price and leaves cost undefined for a model without a price', async () => {
    const client = createClient({ providers: [createFakeProvider({ name: 'openai' })] });
    const response = await client.chat({
      model: 'openai/gpt-from-the-future',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(response.cost).toBeUndefined();
    expect(response.warnings).toEqual([
      expect.objectContaining({
        type: 'unknown-price',
        message: expect.stringContaining("registerModel({ id: 'openai/gpt-from-the-future'"),
      }),
    ]);
  });

  it('prices a known model from the usage the provider reported', async () => {
    const provider = createFakeProvider({
      chat: () =>
        textResult('ok', { usage: createUsage({ inputTokens: 1_000, outputTokens: 1_000 }) }),
    });
    const client = createClient({ providers: [provider] });
    const response = await client.chat({
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: 'hi' }],
    });
    // 1,000 × $0.40 / 1M + 1,000 × $1.60 / 1M = $0.0004 + $0.0016 = $0.002
    expect(response.cost?.total).toBe(0.002);
    expect(response.warnings).toEqual([]);
  });
});
