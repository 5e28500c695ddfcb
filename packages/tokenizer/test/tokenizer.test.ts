import { ConfigurationError, type Message, ModelNotFoundError } from '@stratum/core';
import { encodeChat } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import {
  countMessageTokens,
  encodingForModel,
  estimateCost,
  estimateMessageTokens,
  estimateTokens,
  IMAGE_TOKENS_DEFAULT,
  IMAGE_TOKENS_LOW_DETAIL,
  loadTokenCounter,
} from '../src/index.js';

describe('encodingForModel', () => {
  it.each([
    ['gpt-4o', 'o200k_base'],
    ['openai/gpt-4.1-mini', 'o200k_base'],
    ['gpt-5', 'o200k_base'],
    ['o3-mini', 'o200k_base'],
    ['gpt-4.5-preview', 'o200k_base'],
    ['gpt-4', 'cl100k_base'],
    ['gpt-4-turbo', 'cl100k_base'],
    ['gpt-3.5-turbo', 'cl100k_base'],
    ['azure/gpt-35-turbo', 'cl100k_base'],
    ['openrouter/openai/gpt-4', 'cl100k_base'],
    ['ft:gpt-3.5-turbo-0125:acme::x', 'cl100k_base'],
    ['claude-sonnet-4-5', 'o200k_base'],
    [undefined, 'o200k_base'],
  ])('%s → %s', (model, encoding) => {
    expect(encodingForModel(model)).toBe(encoding);
  });
});

describe('estimateTokens', () => {
  it('matches the counts OpenAI publishes for cl100k_base', async () => {
    // OpenAI cookbook, "How to count tokens with tiktoken": "tiktoken is great!" is
    // [83, 1609, 5963, 374, 2294, 0] in cl100k_base: 6 tokens.
    expect(await estimateTokens('tiktoken is great!', { model: 'gpt-4' })).toBe(6);
  });

  it('matches known o200k_base counts for GPT-4o', async () => {
    // tiktoken.encoding_for_model("gpt-4o").encode("this is a test example, tutorialexample.com")
    // = [851, 382, 261, 1746, 4994, 11, 24000, 18582, 1136]: 9 tokens.
    expect(
      await estimateTokens('this is a test example, tutorialexample.com', {
        model: 'openai/gpt-4o',
      }),
    ).toBe(9);
    expect(await estimateTokens('hello world', { model: 'gpt-4.1-mini' })).toBe(2);
  });

  it('uses different encodings where they differ', async () => {
    // "お誕生日おめでとう" is 9 tokens in cl100k_base (OpenAI cookbook) and fewer in o200k_base.
    const text = 'お誕生日おめでとう';
    expect(await estimateTokens(text, { model: 'gpt-3.5-turbo' })).toBe(9);
    expect(await estimateTokens(text, { model: 'gpt-4o' })).toBeLessThan(9);
  });

  it('counts special-token markers in user text as plain text instead of throwing', async () => {
    // "<|endoftext|>" spelled out is several ordinary tokens, not the one special token.
    expect(await estimateTokens('<|endoftext|>', { model: 'gpt-4o' })).toBeGreaterThan(1);
  });
});

describe('loadTokenCounter', () => {
  it('counts synchronously what estimateTokens counts, per encoding', async () => {
    const cl100k = await loadTokenCounter({ model: 'gpt-4' });
    const o200k = await loadTokenCounter({ model: 'openai/gpt-4o' });
    expect(cl100k('tiktoken is great!')).toBe(6);
    expect(o200k('this is a test example, tutorialexample.com')).toBe(9);
    expect(cl100k('お誕生日おめでとう')).toBe(9);
    expect(o200k('お誕生日おめでとう')).toBeLessThan(9);
    expect(o200k('<|endoftext|>')).toBeGreaterThan(1);
  });

  it('hands every model of an encoding the same counter', async () => {
    const first = await loadTokenCounter({ model: 'gpt-4o' });
    expect(await loadTokenCounter({ model: 'claude-sonnet-4-5' })).toBe(first);
    expect(await loadTokenCounter({ model: 'gpt-3.5-turbo' })).not.toBe(first);
  });
});

describe('estimateMessageTokens', () => {
  it('adds OpenAI’s framing: 3 per message, the role, and 3 to prime the reply', async () => {
    // 3 + "user" (1) + "tiktoken is great!" (6) + 3 = 13
    const messages: Message[] = [{ role: 'user', content: 'tiktoken is great!' }];
    expect(await estimateMessageTokens(messages, { model: 'gpt-4' })).toBe(13);
  });

  it('agrees with gpt-tokenizer’s own chat encoding for GPT-4o', async () => {
    const messages: Message[] = [
      { role: 'system', content: 'You are a helpful, pattern-following assistant.' },
      { role: 'user', content: [{ type: 'text', text: 'Translate "good morning" to French.' }] },
      { role: 'assistant', content: 'Bonjour.' },
    ];
    const reference = encodeChat(
      [
        { role: 'system', content: 'You are a helpful, pattern-following assistant.' },
        { role: 'user', content: 'Translate "good morning" to French.' },
        { role: 'assistant', content: 'Bonjour.' },
      ],
      'gpt-4o',
    ).length;
    expect(await estimateMessageTokens(messages, { model: 'gpt-4o' })).toBe(reference);
    expect(countMessageTokens(messages, await loadTokenCounter({ model: 'gpt-4o' }))).toBe(
      reference,
    );
  });

  it('counts images by OpenAI’s tile rule', async () => {
    const withImage = (detail: 'low' | 'high'): Message[] => [
      {
        role: 'user',
        content: [
          { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' }, detail },
        ],
      },
    ];
    // 3 + "user" (1) + image + 3
    expect(await estimateMessageTokens(withImage('low'))).toBe(7 + IMAGE_TOKENS_LOW_DETAIL);
    expect(await estimateMessageTokens(withImage('high'))).toBe(7 + IMAGE_TOKENS_DEFAULT);
  });
});

describe('estimateCost', () => {
  it('prices the estimated prompt and the expected output with the catalog', async () => {
    // Prompt: 13 tokens (above). gpt-4 costs $30 in / $60 out per million:
    // 13 × $30 / 1M + 100 × $60 / 1M = $0.00039 + $0.006 = $0.00639
    const cost = await estimateCost(
      { model: 'openai/gpt-4', messages: [{ role: 'user', content: 'tiktoken is great!' }] },
      { expectedOutputTokens: 100 },
    );
    expect(cost).toMatchObject({
      input: 0.00039,
      output: 0.006,
      total: 0.00639,
      source: 'catalog',
    });
  });

  it('returns undefined for a model without a known price and rejects unknown models', async () => {
    const messages: Message[] = [{ role: 'user', content: 'hi' }];
    expect(
      await estimateCost({ model: 'openai/gpt-9', messages }, { expectedOutputTokens: 1 }),
    ).toBeUndefined();
    await expect(
      estimateCost({ model: 'gpt-4.1-mnii', messages }, { expectedOutputTokens: 1 }),
    ).rejects.toBeInstanceOf(ModelNotFoundError);
  });

  it('rejects a bad expectedOutputTokens with a ConfigurationError', async () => {
    await expect(
      estimateCost({ model: 'gpt-4o', messages: [] }, { expectedOutputTokens: -3 }),
    ).rejects.toBeInstanceOf(ConfigurationError);
  });
});
