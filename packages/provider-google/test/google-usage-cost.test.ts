import { beforeAll, describe, expect, it } from 'vitest';
import { ensurePricing, useGoogle } from './harness.js';

const harness = useGoogle();

beforeAll(() => {
  // Google's published prices, USD per million tokens (https://ai.google.dev/gemini-api/docs/pricing).
  ensurePricing('google/gemini-2.5-flash', { input: 0.3, output: 2.5, cacheRead: 0.03 });
  ensurePricing('google/gemini-2.5-pro', {
    input: 1.25,
    output: 10,
    cacheRead: 0.125,
    tiers: [{ aboveInputTokens: 200_000, input: 2.5, output: 15, cacheRead: 0.25 }],
  });
});

describe('usage mapping', () => {
  for (const mode of ['chat', 'stream'] as const) {
    it(`maps usageMetadata and prices gemini-2.5-flash to the dollar (${mode})`, async () => {
      // Wire: promptTokenCount 12000 (8000 cached), candidatesTokenCount 500, thoughtsTokenCount 400.
      harness.simulator.enqueue({
        kind: 'reply',
        reply: {
          reasoning: 'Thinking.',
          text: 'Counted.',
          usage: {
            inputTokens: 12_000,
            cacheReadTokens: 8_000,
            outputTokens: 900,
            reasoningTokens: 400,
          },
        },
      });
      const request = {
        model: 'google/gemini-2.5-flash',
        messages: [{ role: 'user' as const, content: 'Count' }],
      };
      const response =
        mode === 'chat'
          ? await harness.client.chat(request)
          : await harness.client.stream(request).finalResponse();
      expect(response.usage).toEqual({
        inputTokens: 12_000,
        cacheReadTokens: 8_000,
        cacheWriteTokens: 0,
        outputTokens: 900, // 500 candidates + 400 thoughts
        reasoningTokens: 400,
        totalTokens: 12_900,
      });
      // input:     (12000 - 8000) × $0.30 / 1M = $0.0012
      // cacheRead:  8000 × $0.03 / 1M          = $0.00024
      // output:     900 × $2.50 / 1M           = $0.00225 (thoughts bill as output)
      // total:                                   $0.00369
      expect(response.cost).toEqual({
        currency: 'USD',
        input: 0.0012,
        cacheRead: 0.00024,
        cacheWrite: 0,
        output: 0.00225,
        reasoning: 0,
        total: 0.00369,
        source: 'catalog',
      });
    });
  }

  it('prices gemini-2.5-pro at its base tier up to 200k prompt tokens', async () => {
    harness.simulator.enqueue({
      kind: 'reply',
      reply: {
        text: 'ok',
        usage: {
          inputTokens: 100_000,
          cacheReadTokens: 20_000,
          outputTokens: 3_000,
          reasoningTokens: 1_000,
        },
      },
    });
    const response = await harness.client.chat({
      model: 'google/gemini-2.5-pro',
      messages: [{ role: 'user', content: 'Long read' }],
    });
    // input:     80000 × $1.25 / 1M  = $0.1
    // cacheRead: 20000 × $0.125 / 1M = $0.0025
    // output:     3000 × $10 / 1M    = $0.03
    // total:                           $0.1325
    expect(response.cost).toMatchObject({
      input: 0.1,
      cacheRead: 0.0025,
      output: 0.03,
      total: 0.1325,
    });
  });

  it('keeps exactly 200k prompt tokens in the base tier', async () => {
    harness.simulator.enqueue({
      kind: 'reply',
      reply: { text: 'ok', usage: { inputTokens: 200_000, outputTokens: 1_000 } },
    });
    const response = await harness.client.chat({
      model: 'google/gemini-2.5-pro',
      messages: [{ role: 'user', content: 'Long read' }],
    });
    // 200000 × $1.25 / 1M = $0.25; 1000 × $10 / 1M = $0.01; total $0.26.
    expect(response.cost).toMatchObject({ input: 0.25, output: 0.01, total: 0.26 });
  });

  it('bills the whole gemini-2.5-pro call at the long-context tier above 200k prompt tokens', async () => {
    harness.simulator.enqueue({
      kind: 'reply',
      reply: {
        text: 'ok',
        usage: {
          inputTokens: 250_000,
          cacheReadTokens: 50_000,
          outputTokens: 1_500,
          reasoningTokens: 500,
        },
      },
    });
    const response = await harness.client
      .stream({
        model: 'google/gemini-2.5-pro',
        messages: [{ role: 'user', content: 'Very long read' }],
      })
      .finalResponse();
    expect(response.usage).toMatchObject({
      inputTokens: 250_000,
      cacheReadTokens: 50_000,
      outputTokens: 1_500,
      reasoningTokens: 500,
    });
    // input:     200000 × $2.50 / 1M = $0.5
    // cacheRead:  50000 × $0.25 / 1M = $0.0125
    // output:      1500 × $15 / 1M   = $0.0225
    // total:                           $0.535
    expect(response.cost).toEqual({
      currency: 'USD',
      input: 0.5,
      cacheRead: 0.0125,
      cacheWrite: 0,
      output: 0.0225,
      reasoning: 0,
      total: 0.535,
      source: 'catalog',
    });
  });

  it('counts tool-use prompt tokens as input', async () => {
    harness.simulator.enqueue({
      kind: 'recorded',
      json: JSON.stringify({
        candidates: [
          {
            content: { parts: [{ text: 'Found it.' }], role: 'model' },
            finishReason: 'STOP',
            index: 0,
          },
        ],
        usageMetadata: {
          promptTokenCount: 40,
          candidatesTokenCount: 10,
          toolUsePromptTokenCount: 60,
          totalTokenCount: 110,
        },
        modelVersion: 'gemini-2.5-flash',
        responseId: 'tool-use',
      }),
    });
    const response = await harness.client.chat({
      model: 'google/gemini-2.5-flash',
      messages: [{ role: 'user', content: 'Search' }],
    });
    // 40 prompt + 60 tool-use prompt = 100 input tokens.
    expect(response.usage).toMatchObject({ inputTokens: 100, outputTokens: 10, totalTokens: 110 });
    // 100 × $0.30 / 1M = $0.00003; 10 × $2.50 / 1M = $0.000025; total $0.000055.
    expect(response.cost?.total).toBe(0.000055);
  });
});
