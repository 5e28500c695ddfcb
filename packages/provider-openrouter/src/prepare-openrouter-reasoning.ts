import type { ReasoningOptions } from '@stratum/core';

/**
 * OpenRouter's unified `reasoning` object: `effort` (OpenAI-style levels), `max_tokens`
 * (Anthropic-style budget) and `enabled`; OpenRouter translates it for the upstream model.
 * https://openrouter.ai/docs/use-cases/reasoning-tokens
 */
export function prepareOpenRouterReasoning(reasoning: ReasoningOptions): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (reasoning.effort !== undefined) fields['effort'] = reasoning.effort;
  if (reasoning.budgetTokens !== undefined) fields['max_tokens'] = reasoning.budgetTokens;
  if (reasoning.enabled !== undefined) fields['enabled'] = reasoning.enabled;
  return { reasoning: fields };
}
