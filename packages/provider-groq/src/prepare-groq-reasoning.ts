import {
  noReasoningBudget,
  type ReasoningMapper,
  unsupportedSettingWriter,
} from '@stratum/core/provider-kit';

/**
 * Groq's reasoning switches differ by model family:
 * - GPT-OSS takes `reasoning_effort` `low` | `medium` | `high` and always reasons;
 * - Qwen3 takes `reasoning_effort` `none` (off) or `default` (on);
 * - other models do not reason.
 * https://console.groq.com/docs/reasoning
 */
export const prepareGroqReasoning: ReasoningMapper = (model, reasoning, warnings) => {
  const warn = unsupportedSettingWriter(warnings);
  if (reasoning.budgetTokens !== undefined) warnings.push(noReasoningBudget('Groq'));
  if (isGptOss(model)) {
    if (reasoning.enabled === false) {
      warn(
        'reasoning.enabled',
        `${model} always reasons; use reasoning.effort: 'low' for the least.`,
      );
    }
    if (reasoning.effort === undefined) return {};
    if (reasoning.effort === 'minimal') {
      warn('reasoning.effort', `${model} has no 'minimal' effort; 'low' was sent.`);
      return { reasoning_effort: 'low' };
    }
    return { reasoning_effort: reasoning.effort };
  }
  if (model.startsWith('qwen/qwen3')) {
    if (reasoning.effort !== undefined && reasoning.enabled !== false) {
      warn(
        'reasoning.effort',
        `${model} reasons or not, without levels; reasoning was switched on.`,
      );
    }
    if (reasoning.enabled === undefined && reasoning.effort === undefined) return {};
    return { reasoning_effort: reasoning.enabled === false ? 'none' : 'default' };
  }
  warn(
    'reasoning',
    `${model} is not a reasoning model on Groq, so the reasoning settings were not sent.`,
  );
  return {};
};

export function isGptOss(model: string): boolean {
  return model.startsWith('openai/gpt-oss');
}

/**
 * Models that put their reasoning in `<think>` tags inside the answer unless asked for
 * `reasoning_format: 'parsed'` (Qwen3, DeepSeek R1 distills). GPT-OSS returns it parsed already
 * and rejects `reasoning_format`.
 */
export function needsParsedReasoning(model: string): boolean {
  return model.startsWith('qwen/qwen3') || model.startsWith('deepseek-r1');
}
