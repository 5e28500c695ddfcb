import type { ThinkingConfigParam } from '@anthropic-ai/sdk/resources/messages';
import {
  InvalidRequestError,
  type ProviderRequest,
  type ReasoningEffort,
  type Warning,
} from '@stratum/core';
import { unsupportedSetting } from '@stratum/core/provider-kit';
import { readThinking } from './anthropic-options.js';

/** `max_tokens` when neither the request nor the catalog gives one. */
export const DEFAULT_MAX_TOKENS = 4096;

/** The API's smallest `budget_tokens`. */
export const MIN_THINKING_BUDGET = 1024;

/** Thinking budgets for `reasoning.effort`, when no `budgetTokens` is given. */
export const EFFORT_BUDGETS: Readonly<Record<ReasoningEffort, number>> = {
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 16384,
};

export interface PreparedThinking {
  thinking: ThinkingConfigParam | undefined;
  maxTokens: number;
  /** Thinking is on (it forbids forced tool choice). */
  enabled: boolean;
  warnings: Warning[];
}

/**
 * Extended thinking (https://platform.claude.com/docs/en/build-with-claude/extended-thinking):
 * `thinking: { type: 'enabled', budget_tokens }` from `reasoning.budgetTokens`, or from
 * `reasoning.effort` through `EFFORT_BUDGETS`. Thinking counts toward `max_tokens`, so an
 * explicit `maxOutputTokens` must leave room for the budget; a default one is raised to fit.
 */
export function prepareAnthropicThinking(
  request: ProviderRequest,
  options: Record<string, unknown>,
  defaultMaxTokens: number | undefined,
): PreparedThinking {
  const explicitMax = request.maxOutputTokens;
  let maxTokens =
    explicitMax ?? request.modelInfo?.maxOutputTokens ?? defaultMaxTokens ?? DEFAULT_MAX_TOKENS;
  const warnings: Warning[] = [];
  const fit = (budget: number): number =>
    explicitMax === undefined && maxTokens <= budget ? budget + DEFAULT_MAX_TOKENS : maxTokens;

  const override = readThinking(options);
  if (override) {
    if (override.type === 'enabled') maxTokens = fit(override.budget_tokens);
    return { thinking: override, maxTokens, enabled: override.type !== 'disabled', warnings };
  }
  const reasoning = request.reasoning;
  if (
    !reasoning ||
    (reasoning.budgetTokens === undefined &&
      reasoning.effort === undefined &&
      reasoning.enabled === undefined)
  ) {
    return { thinking: undefined, maxTokens, enabled: false, warnings };
  }
  if (reasoning.enabled === false) {
    return { thinking: { type: 'disabled' }, maxTokens, enabled: false, warnings };
  }
  if (request.modelInfo && !request.modelInfo.capabilities.reasoning) {
    warnings.push(
      unsupportedSetting(
        'reasoning',
        `${request.modelInfo.id} does not support extended thinking (per the catalog), so reasoning was not sent.`,
      ),
    );
    return { thinking: undefined, maxTokens, enabled: false, warnings };
  }

  let budget: number;
  if (reasoning.budgetTokens !== undefined) {
    budget = reasoning.budgetTokens;
    if (!Number.isInteger(budget) || budget < MIN_THINKING_BUDGET) {
      throw new InvalidRequestError(
        `reasoning.budgetTokens is ${budget}; Anthropic needs a whole number of at least ${MIN_THINKING_BUDGET} thinking tokens.`,
        { provider: 'anthropic', model: request.model },
      );
    }
  } else {
    budget = EFFORT_BUDGETS[reasoning.effort ?? 'medium'];
    // An effort's budget shrinks to fit an explicit maxOutputTokens, down to the API minimum.
    if (explicitMax !== undefined)
      budget = Math.max(MIN_THINKING_BUDGET, Math.min(budget, explicitMax - 1));
  }
  if (explicitMax !== undefined && budget >= explicitMax) {
    throw new InvalidRequestError(
      `The thinking budget (${budget} tokens) must be below maxOutputTokens (${explicitMax}): Anthropic counts thinking toward max_tokens. Raise maxOutputTokens or lower reasoning.budgetTokens.`,
      { provider: 'anthropic', model: request.model },
    );
  }
  maxTokens = fit(budget);
  return {
    thinking: { type: 'enabled', budget_tokens: budget },
    maxTokens,
    enabled: true,
    warnings,
  };
}
