import type { ReasoningOptions } from '../types/request.js';
import type { Warning } from '../types/response.js';

/**
 * The shape of a provider's reasoning mapping: `request.reasoning` for a model in, the vendor's
 * body fields out, a warning pushed for each setting the vendor cannot take.
 */
export type ReasoningMapper = (
  model: string,
  reasoning: ReasoningOptions,
  warnings: Warning[],
) => Record<string, unknown>;

/** A function that pushes an `unsupported-setting` warning onto `warnings`. */
export function unsupportedSettingWriter(
  warnings: Warning[],
): (setting: string, message: string) => void {
  return (setting, message) => {
    warnings.push(unsupportedSetting(setting, message));
  };
}

/** A warning for a request setting the vendor cannot honour and that was therefore not sent. */
export function unsupportedSetting(setting: string, message: string): Warning {
  return { type: 'unsupported-setting', setting, message };
}

/**
 * The warning for `reasoning.budgetTokens` on a vendor whose reasoning takes an effort level or
 * a switch but no token budget.
 */
export function noReasoningBudget(vendor: string, advice?: string): Warning {
  return unsupportedSetting(
    'reasoning.budgetTokens',
    `${vendor} takes no reasoning token budget; budgetTokens was not sent.${advice ? ` ${advice}` : ''}`,
  );
}
