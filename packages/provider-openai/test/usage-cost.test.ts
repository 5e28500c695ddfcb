import { getModel, registerModel } from '@stratum/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useOpenAISimulator } from './setup-simulator.js';

const setup = useOpenAISimulator();

beforeAll(() => {
  // The catalog lists gpt-4.1-mini (input $0.40/M, cached input $0.10/M, output $1.60/M).
  expect(getModel('openai/gpt-4.1-mini')?.pricing).toMatchObject({
    input: 0.4,
    cacheRead: 0.1,
    output: 1.6,
  });
  // o4-mini's published prices, registered so the test does not depend on the catalog's build.
  registerModel({ id: 'openai/o4-mini', pricing: { input: 1.1, cacheRead: 0.275, output: 4.4 } });
});

const cachedReply = {
  text: 'Cached answer.',
  usage: { inputTokens: 12_000, cacheReadTokens: 8_000, outputTokens: 500 },
};
const reasoningReply = {
  text: 'The answer is 42.',
  usage: { inputTokens: 1_000, outputTokens: 3_000, reasoningTokens: 2_500 },
};

describe('openai usage and cost', () => {
  for (const mode of ['chat', 'stream'] as const) {
    const call = async (model: string) => {
      const request = { model, messages: [{ role: 'user' as const, content: 'q' }] };
      return mode === 'chat'
        ? setup.client.chat(request)
        : setup.client.stream(request).finalResponse();
    };

    it(`${mode}: cached tokens are part of the input and priced at the cached rate`, async () => {
      setup.simulator.enqueue({ kind: 'reply', reply: cachedReply });
      const response = await call('openai/gpt-4.1-mini');
      // prompt_tokens 12000 includes cached_tokens 8000.
      expect(response.usage).toEqual({
        inputTokens: 12_000,
        cacheReadTokens: 8_000,
        cacheWriteTokens: 0,
        outputTokens: 500,
        reasoningTokens: 0,
        totalTokens: 12_500,
      });
      // uncached 4000 × $0.40/M = $0.0016; cached 8000 × $0.10/M = $0.0008;
      // output 500 × $1.60/M = $0.0008; total $0.0032.
      expect(response.cost).toEqual({
        currency: 'USD',
        input: 0.0016,
        cacheRead: 0.0008,
        cacheWrite: 0,
        output: 0.0008,
        reasoning: 0,
        total: 0.0032,
        source: 'catalog',
      });
    });

    it(`${mode}: reasoning tokens are part of the output and billed as output`, async () => {
      setup.simulator.enqueue({ kind: 'reply', reply: reasoningReply });
      const response = await call('openai/o4-mini');
      // completion_tokens 3000 includes reasoning_tokens 2500.
      expect(response.usage).toEqual({
        inputTokens: 1_000,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        outputTokens: 3_000,
        reasoningTokens: 2_500,
        totalTokens: 4_000,
      });
      // input 1000 × $1.10/M = $0.0011; output 3000 × $4.40/M = $0.0132; total $0.0143.
      expect(response.cost?.input).toBe(0.0011);
      expect(response.cost?.output).toBe(0.0132);
      expect(response.cost?.total).toBe(0.0143);
    });
  }

  it('reads the wire fields the simulator sent (prompt_tokens_details, completion_tokens_details)', async () => {
    setup.simulator.enqueue({
      kind: 'reply',
      reply: {
        text: 'x',
        usage: {
          inputTokens: 100,
          cacheReadTokens: 40,
          cacheWriteTokens: 10,
          outputTokens: 20,
          reasoningTokens: 5,
        },
      },
    });
    const result = await setup.provider.chat({
      model: 'gpt-4.1-mini',
      modelInfo: undefined,
      messages: [{ role: 'user', content: 'x' }],
      includeRaw: true,
    });
    expect(result.raw).toMatchObject({
      usage: {
        prompt_tokens: 100,
        completion_tokens: 20,
        total_tokens: 120,
        prompt_tokens_details: { cached_tokens: 40, cache_write_tokens: 10 },
        completion_tokens_details: { reasoning_tokens: 5 },
      },
    });
    expect(result.usage).toEqual({
      inputTokens: 100,
      cacheReadTokens: 40,
      cacheWriteTokens: 10,
      outputTokens: 20,
      reasoningTokens: 5,
      totalTokens: 120,
    });
  });
});
