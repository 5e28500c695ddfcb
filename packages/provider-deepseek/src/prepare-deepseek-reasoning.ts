import type { ReasoningOptions, Warning } from '@stratum/core';
import { noReasoningBudget, unsupportedSetting } from '@stratum/core/provider-kit';
import type { OpenAIChatRequestBody } from '@stratum/provider-openai/internal';

/**
 * Thinking mode: `thinking: { type: 'enabled' | 'disabled' }` and `reasoning_effort` `high` or
 * `max` (DeepSeek runs `low` and `medium` as `high`). A token budget has no DeepSeek field.
 * https://api-docs.deepseek.com/guides/thinking_mode
 */
export function prepareDeepSeekReasoning(
  reasoning: ReasoningOptions,
  warnings: Warning[],
): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (reasoning.enabled !== undefined) {
    fields['thinking'] = { type: reasoning.enabled ? 'enabled' : 'disabled' };
  }
  if (reasoning.effort !== undefined && reasoning.enabled !== false) {
    fields['reasoning_effort'] = 'high';
    if (reasoning.effort !== 'high') {
      warnings.push(
        unsupportedSetting(
          'reasoning.effort',
          `DeepSeek thinks at effort 'high' or 'max'; '${reasoning.effort}' was sent as 'high'. For 'max', pass providerOptions.deepseek.reasoning_effort.`,
        ),
      );
    }
  }
  if (reasoning.budgetTokens !== undefined) {
    warnings.push(
      noReasoningBudget(
        'DeepSeek',
        'Use reasoning.effort or maxOutputTokens (which counts the reasoning).',
      ),
    );
  }
  return fields;
}

/**
 * Whether a request runs in thinking mode, where DeepSeek ignores temperature and top_p:
 * `deepseek-reasoner`, an explicit `thinking: enabled`, or a V4 model (thinking is on by
 * default) unless `thinking: disabled`.
 */
export function isDeepSeekThinking(body: OpenAIChatRequestBody): boolean {
  const thinking = body['thinking'];
  const type =
    typeof thinking === 'object' && thinking !== null && 'type' in thinking
      ? thinking.type
      : undefined;
  if (type === 'enabled') return true;
  if (type === 'disabled') return false;
  return body.model === 'deepseek-reasoner' || body.model.startsWith('deepseek-v4');
}
