import type { ReasoningOptions } from '@stratum/core';
import { registerModel } from '@stratum/core';
import { describe, expect, it } from 'vitest';
import { useGoogle } from './harness.js';

const harness = useGoogle();

async function thinkingConfigFor(model: string, reasoning: ReasoningOptions) {
  const response = await harness.client.chat({
    model,
    messages: [{ role: 'user', content: 'Think' }],
    reasoning,
  });
  const generationConfig = harness.body().generationConfig as Record<string, unknown> | undefined;
  return { thinkingConfig: generationConfig?.['thinkingConfig'], warnings: response.warnings };
}

describe('reasoning → thinkingConfig', () => {
  it('sends budgetTokens as thinkingBudget with thought summaries', async () => {
    const { thinkingConfig, warnings } = await thinkingConfigFor('google/gemini-2.5-flash', {
      budgetTokens: 4096,
    });
    expect(thinkingConfig).toEqual({ includeThoughts: true, thinkingBudget: 4096 });
    expect(warnings).toEqual([]);
  });

  it('maps effort to a budget on Gemini 2.5', async () => {
    const budgets: Array<[ReasoningOptions['effort'], number]> = [
      ['minimal', 0],
      ['low', 1024],
      ['medium', 8192],
      ['high', 24576],
    ];
    for (const [effort, budget] of budgets) {
      const { thinkingConfig } = await thinkingConfigFor('google/gemini-2.5-flash', { effort });
      expect(thinkingConfig).toEqual({ includeThoughts: true, thinkingBudget: budget });
    }
    // 2.5 Pro cannot stop thinking: its smallest budget is 128.
    const pro = await thinkingConfigFor('google/gemini-2.5-pro', { effort: 'minimal' });
    expect(pro.thinkingConfig).toEqual({ includeThoughts: true, thinkingBudget: 128 });
  });

  it('maps effort to thinkingLevel on Gemini 3, within what Pro accepts', async () => {
    const flash = await thinkingConfigFor('google/gemini-3-flash-preview', { effort: 'medium' });
    expect(flash.thinkingConfig).toEqual({ includeThoughts: true, thinkingLevel: 'MEDIUM' });
    expect(flash.warnings).toEqual([]);
    const pro = await thinkingConfigFor('google/gemini-3-pro-preview', { effort: 'medium' });
    expect(pro.thinkingConfig).toEqual({ includeThoughts: true, thinkingLevel: 'HIGH' });
    expect(pro.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported-setting', setting: 'reasoning.effort' }),
    ]);
  });

  it('turns thinking off where the model allows it, and says when it cannot', async () => {
    const flash = await thinkingConfigFor('google/gemini-2.5-flash', { enabled: false });
    expect(flash.thinkingConfig).toEqual({ thinkingBudget: 0 });
    expect(flash.warnings).toEqual([]);
    const pro = await thinkingConfigFor('google/gemini-2.5-pro', { enabled: false });
    expect(pro.thinkingConfig).toEqual({ thinkingBudget: 128 });
    expect(pro.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported-setting', setting: 'reasoning.enabled' }),
    ]);
  });

  it('warns instead of sending thinking to a model that does not think', async () => {
    registerModel({
      id: 'google/gemini-test-nothink',
      pricing: { input: 0.1, output: 0.4 },
      capabilities: { reasoning: false },
    });
    const { thinkingConfig, warnings } = await thinkingConfigFor('google/gemini-test-nothink', {
      effort: 'high',
    });
    expect(thinkingConfig).toBeUndefined();
    expect(warnings).toEqual([
      expect.objectContaining({ type: 'unsupported-setting', setting: 'reasoning' }),
    ]);
  });

  it('lets providerOptions.google.thinkingConfig override the mapped values', async () => {
    await harness.client.chat({
      model: 'google/gemini-2.5-flash',
      messages: [{ role: 'user', content: 'Think' }],
      reasoning: { effort: 'high' },
      providerOptions: { google: { thinkingConfig: { includeThoughts: false } } },
    });
    expect((harness.body().generationConfig as Record<string, unknown>)['thinkingConfig']).toEqual({
      includeThoughts: false,
      thinkingBudget: 24576,
    });
  });

  it('returns thought parts as reasoning content with their signature', async () => {
    harness.simulator.enqueue({
      kind: 'reply',
      reply: { reasoning: 'Counting letters.', text: 'Three.', reasoningSignature: 'c2lnLXRleHQ' },
    });
    const response = await harness.client.chat({
      model: 'google/gemini-2.5-flash',
      messages: [{ role: 'user', content: 'How many r?' }],
      reasoning: { effort: 'low' },
    });
    expect(response.reasoning).toBe('Counting letters.');
    expect(response.content).toEqual([
      { type: 'reasoning', text: 'Counting letters.' },
      {
        type: 'text',
        text: 'Three.',
        providerOptions: { google: { thoughtSignature: 'c2lnLXRleHQ' } },
      },
    ]);
    // Sent back, thoughts stay thoughts and the signature stays on its part.
    await harness.client.chat({
      model: 'google/gemini-2.5-flash',
      messages: [
        { role: 'user', content: 'How many r?' },
        { role: 'assistant', content: response.content },
        { role: 'user', content: 'Sure?' },
      ],
    });
    expect((harness.body().contents as unknown[])[1]).toEqual({
      role: 'model',
      parts: [
        { text: 'Counting letters.', thought: true },
        { text: 'Three.', thoughtSignature: 'c2lnLXRleHQ' },
      ],
    });
  });
});
