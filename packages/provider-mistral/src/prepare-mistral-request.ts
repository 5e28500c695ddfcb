import {
  noReasoningBudget,
  type ReasoningMapper,
  unsupportedSettingWriter,
} from '@stratum/core/provider-kit';
import type { OpenAIChatRequestBody } from '@stratum/provider-openai/internal';

/**
 * Renames and removes what Mistral's schema does not take (it rejects unknown fields with a
 * 422): `seed` is `random_seed`; there is no `stream_options` (usage comes on the last chunk
 * anyway); `tool_choice: 'required'` is `'any'`; a named tool choice becomes `'any'` over that
 * one tool.
 * https://docs.mistral.ai/api/#tag/chat/operation/chat_completion_v1_chat_completions_post
 */
export function prepareMistralRequestBody(
  body: OpenAIChatRequestBody,
  safePrompt: boolean | undefined,
): OpenAIChatRequestBody {
  if (body.seed !== undefined && body.seed !== null) {
    body['random_seed'] = body.seed;
    delete body.seed;
  }
  delete body.stream_options;
  const choice = body.tool_choice;
  // Mistral's 'any' is outside OpenAI's tool_choice type, hence Object.assign.
  if (choice === 'required') Object.assign(body, { tool_choice: 'any' });
  else if (typeof choice === 'object' && choice !== null && choice.type === 'function') {
    const name = choice.function.name;
    body.tools = body.tools?.filter(
      (tool) => tool.type === 'function' && tool.function.name === name,
    );
    Object.assign(body, { tool_choice: 'any' });
  }
  if (safePrompt !== undefined && body['safe_prompt'] === undefined)
    body['safe_prompt'] = safePrompt;
  return body;
}

/** Models that take `reasoning_effort` (`high` or `none`). */
const EFFORT_MODELS = /^(mistral-small-(latest|2603)|mistral-medium-3(\.5)?$)/;

/**
 * Mistral's reasoning controls: Magistral models always reason (no switch, no levels); a few
 * newer models take `reasoning_effort` `high` or `none`; the rest do not reason.
 * https://docs.mistral.ai/capabilities/reasoning/
 */
export const prepareMistralReasoning: ReasoningMapper = (model, reasoning, warnings) => {
  const warn = unsupportedSettingWriter(warnings);
  if (reasoning.budgetTokens !== undefined) warnings.push(noReasoningBudget('Mistral'));
  if (model.startsWith('magistral')) {
    if (reasoning.enabled === false) warn('reasoning.enabled', `${model} always reasons.`);
    if (reasoning.effort !== undefined)
      warn('reasoning.effort', `${model} reasons without effort levels.`);
    return {};
  }
  if (EFFORT_MODELS.test(model)) {
    if (reasoning.enabled === false) return { reasoning_effort: 'none' };
    if (reasoning.effort === undefined && reasoning.enabled === undefined) return {};
    if (reasoning.effort !== undefined && reasoning.effort !== 'high') {
      warn(
        'reasoning.effort',
        `Mistral reasons at effort 'high' only; '${reasoning.effort}' was sent as 'high'.`,
      );
    }
    return { reasoning_effort: 'high' };
  }
  if (reasoning.effort !== undefined || reasoning.enabled !== undefined) {
    warn('reasoning', `${model} does not reason; use a magistral-* model.`);
  }
  return {};
};
