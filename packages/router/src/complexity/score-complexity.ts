import type { ChatRequest } from '@stratum/core';
import { profileRequest } from '../request-profile.js';
import type { ComplexityModel } from './complexity-model.js';
import { scoreText } from './complexity-model.js';
import { DEFAULT_COMPLEXITY_MODEL } from './default-complexity-model.js';

/**
 * How much a request needs a strong model, in [0, 1], computed in process (no network, no key)
 * from the last user message. The shipped model was fitted on RouteLLM's GSM8K and MMLU
 * evaluation data (see docs/routing.md); pass your own from `fitComplexity` to re-fit.
 */
export function scoreComplexity(
  request: ChatRequest | string,
  model: ComplexityModel = DEFAULT_COMPLEXITY_MODEL,
): number {
  const text =
    typeof request === 'string' ? request : profileRequest(request, undefined).lastUserText;
  return scoreText(model, text);
}
