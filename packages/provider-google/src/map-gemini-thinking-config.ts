import { type ThinkingConfig, ThinkingLevel } from '@google/genai';
import type { ModelInfo, ReasoningEffort, ReasoningOptions, Warning } from '@stratum/core';
import { unsupportedSetting } from '@stratum/core/provider-kit';

/**
 * Stratum's `reasoning` → Gemini `thinkingConfig`
 * (https://ai.google.dev/gemini-api/docs/thinking):
 *
 * - `budgetTokens` → `thinkingBudget` (every thinking model takes a budget).
 * - `effort` → `thinkingLevel` on Gemini 3; on Gemini 2.5 → a budget: minimal 0 (128 on
 *   2.5 Pro, which cannot turn thinking off), low 1024, medium 8192, high 24576.
 * - `enabled: false` → budget 0, or the least thinking the model allows, with a warning.
 * - Whenever reasoning is asked for, `includeThoughts: true`, so thought summaries arrive as
 *   reasoning parts.
 */
export interface MappedThinkingConfig {
  thinkingConfig: ThinkingConfig | undefined;
  warnings: Warning[];
}

const BUDGETS: Record<ReasoningEffort, number> = {
  minimal: 0,
  low: 1024,
  medium: 8192,
  high: 24576,
};

const LEVELS: Record<ReasoningEffort, ThinkingLevel> = {
  minimal: ThinkingLevel.MINIMAL,
  low: ThinkingLevel.LOW,
  medium: ThinkingLevel.MEDIUM,
  high: ThinkingLevel.HIGH,
};

/** Gemini 2.5 Pro's smallest budget: it always thinks. */
const PRO_MINIMUM_BUDGET = 128;

export function mapGeminiThinkingConfig(
  reasoning: ReasoningOptions | undefined,
  model: string,
  modelInfo: ModelInfo | undefined,
): MappedThinkingConfig {
  const warnings: Warning[] = [];
  if (!reasoning) return { thinkingConfig: undefined, warnings };
  if (modelInfo && !modelInfo.capabilities.reasoning) {
    warnings.push(
      unsupportedSetting(
        'reasoning',
        `${model} does not think, so the reasoning options were ignored.`,
      ),
    );
    return { thinkingConfig: undefined, warnings };
  }
  const gemini3 = model.startsWith('gemini-3');
  const alwaysThinks = model.startsWith('gemini-2.5-pro');
  // Gemini 3 Pro models take only the LOW and HIGH levels.
  const twoLevels = gemini3 && model.includes('-pro');

  if (reasoning.enabled === false) {
    if (gemini3) {
      warnings.push(
        unsupportedSetting(
          'reasoning.enabled',
          `${model} cannot turn thinking off; the lowest thinking level was used.`,
        ),
      );
      return {
        thinkingConfig: { thinkingLevel: twoLevels ? ThinkingLevel.LOW : ThinkingLevel.MINIMAL },
        warnings,
      };
    }
    if (alwaysThinks) {
      warnings.push(
        unsupportedSetting(
          'reasoning.enabled',
          `${model} cannot turn thinking off; its smallest budget (${PRO_MINIMUM_BUDGET} tokens) was used.`,
        ),
      );
      return { thinkingConfig: { thinkingBudget: PRO_MINIMUM_BUDGET }, warnings };
    }
    return { thinkingConfig: { thinkingBudget: 0 }, warnings };
  }

  const thinkingConfig: ThinkingConfig = { includeThoughts: true };
  if (reasoning.budgetTokens !== undefined) {
    thinkingConfig.thinkingBudget = reasoning.budgetTokens;
  } else if (reasoning.effort !== undefined) {
    const effort = reasoning.effort;
    if (gemini3) {
      let level = LEVELS[effort];
      if (twoLevels && (effort === 'minimal' || effort === 'medium')) {
        level = effort === 'minimal' ? ThinkingLevel.LOW : ThinkingLevel.HIGH;
        warnings.push(
          unsupportedSetting(
            'reasoning.effort',
            `${model} takes only the low and high thinking levels; effort "${effort}" was sent as ${level}.`,
          ),
        );
      }
      thinkingConfig.thinkingLevel = level;
    } else {
      thinkingConfig.thinkingBudget =
        alwaysThinks && effort === 'minimal' ? PRO_MINIMUM_BUDGET : BUDGETS[effort];
    }
  }
  return { thinkingConfig, warnings };
}
