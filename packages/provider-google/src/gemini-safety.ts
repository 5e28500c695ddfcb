import type { GenerateContentResponse, SafetyRating } from '@google/genai';
import { ContentFilterError } from '@stratum/core';

/**
 * Gemini's safety blocks → ContentFilterError
 * (https://ai.google.dev/gemini-api/docs/safety-settings): a refused prompt comes back with
 * `promptFeedback.blockReason` and no candidates; a withheld answer with a finish reason
 * such as `SAFETY`, `PROHIBITED_CONTENT` or `RECITATION` and no usable content.
 */
export interface SafetyContext {
  provider: string;
  model: string;
}

function flagged(ratings: readonly SafetyRating[] | undefined): string {
  const names = (ratings ?? [])
    .filter(
      (rating) =>
        rating.blocked || rating.probability === 'HIGH' || rating.probability === 'MEDIUM',
    )
    .map((rating) => `${rating.category}: ${rating.probability}`);
  return names.length > 0 ? `; ${names.join(', ')}` : '';
}

export function blockedPromptError(
  response: GenerateContentResponse,
  context: SafetyContext,
): ContentFilterError | undefined {
  const reason = response.promptFeedback?.blockReason;
  if (!reason) return undefined;
  return new ContentFilterError(
    `${context.provider} (${context.model}) refused the prompt (promptFeedback.blockReason ${reason}${flagged(response.promptFeedback?.safetyRatings)}). Rephrase the prompt, or adjust providerOptions.google.safetySettings where the policy allows.`,
    { provider: context.provider, model: context.model, vendorCode: reason, retryable: false },
  );
}

export function blockedAnswerError(
  finishReason: string,
  ratings: readonly SafetyRating[] | undefined,
  context: SafetyContext,
): ContentFilterError {
  const hint =
    finishReason === 'RECITATION'
      ? 'The answer recited source material too closely; rephrase the request.'
      : 'Rephrase the prompt, or adjust providerOptions.google.safetySettings where the policy allows.';
  return new ContentFilterError(
    `${context.provider} (${context.model}) withheld the answer (finishReason ${finishReason}${flagged(ratings)}). ${hint}`,
    {
      provider: context.provider,
      model: context.model,
      vendorCode: finishReason,
      retryable: false,
    },
  );
}
