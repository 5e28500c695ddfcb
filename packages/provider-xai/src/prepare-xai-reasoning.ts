import {
  noReasoningBudget,
  type ReasoningMapper,
  unsupportedSettingWriter,
} from '@stratum/core/provider-kit';

/**
 * xAI's reasoning controls: only Grok 3 Mini takes `reasoning_effort`, with two levels, `low`
 * and `high`; Grok 4 and Grok Code always reason and reject the parameter, and the
 * `*-non-reasoning` variants never reason. No model takes a token budget.
 * https://docs.x.ai/docs/guides/reasoning
 */
export const prepareXaiReasoning: ReasoningMapper = (model, reasoning, warnings) => {
  const warn = unsupportedSettingWriter(warnings);
  if (reasoning.budgetTokens !== undefined) warnings.push(noReasoningBudget('xAI'));
  if (reasoning.enabled === false) {
    warn(
      'reasoning.enabled',
      `Reasoning cannot be switched off on ${model}; pick a *-non-reasoning model instead.`,
    );
  }
  if (reasoning.effort === undefined) return {};
  if (!model.startsWith('grok-3-mini')) {
    warn(
      'reasoning.effort',
      `${model} takes no reasoning_effort (only grok-3-mini does); it was not sent.`,
    );
    return {};
  }
  const effort = reasoning.effort === 'minimal' || reasoning.effort === 'low' ? 'low' : 'high';
  if (effort !== reasoning.effort) {
    warn(
      'reasoning.effort',
      `xAI has efforts 'low' and 'high'; '${reasoning.effort}' was sent as '${effort}'.`,
    );
  }
  return { reasoning_effort: effort };
};

/** Grok's reasoning models, which reject `stop` (and the penalties Stratum does not send). */
export function isXaiReasoningModel(model: string): boolean {
  if (model.includes('non-reasoning')) return false;
  return /^grok-(3-mini|4|code)/.test(model);
}
