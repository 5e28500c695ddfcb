import type { SimulatedReply, SimulatorStep, StreamShape } from '../simulator/scenario.js';
import type { GeminiResponseBody } from './gemini-wire-types.js';
import {
  blockedSafetyRatings,
  type GeminiRenderContext,
  renderGeminiChunks,
  renderGeminiResponse,
} from './render-gemini-response.js';

/**
 * Gemini behaviour the neutral steps cannot express, as `recorded` steps that answer both
 * `generateContent` (the JSON body) and `streamGenerateContent` (the chunks).
 */

export interface GeminiStepOptions extends StreamShape {
  /** `modelVersion` in the answer (default `gemini-2.5-flash`). */
  model?: string;
  responseId?: string;
}

function contextOf(options: GeminiStepOptions, finishReason?: string): GeminiRenderContext {
  return {
    model: options.model ?? 'gemini-2.5-flash',
    responseId: options.responseId ?? 'simulatedGeminiStep',
    functionCallIds: false,
    estimatedPromptTokens: 1,
    finishReason,
  };
}

/**
 * A prompt Gemini refused before generating anything: no candidates, and
 * `promptFeedback.blockReason` (`SAFETY`, `PROHIBITED_CONTENT`, `BLOCKLIST`, `OTHER`, ...).
 */
export function geminiBlockedPromptStep(
  blockReason = 'SAFETY',
  options: GeminiStepOptions & { promptTokens?: number } = {},
): SimulatorStep {
  const promptTokens = options.promptTokens ?? 9;
  const body: GeminiResponseBody = {
    promptFeedback: {
      blockReason,
      ...(blockReason === 'SAFETY' ? { safetyRatings: blockedSafetyRatings() } : {}),
    },
    usageMetadata: {
      promptTokenCount: promptTokens,
      totalTokenCount: promptTokens,
      promptTokensDetails: [{ modality: 'TEXT', tokenCount: promptTokens }],
    },
    modelVersion: options.model ?? 'gemini-2.5-flash',
    responseId: options.responseId ?? 'simulatedBlockedPrompt',
  };
  const json = JSON.stringify(body);
  return { kind: 'recorded', json, chunks: [json] };
}

/**
 * A reply that ends with one of Gemini's own finish reasons (`RECITATION`, `SPII`,
 * `MALFORMED_FUNCTION_CALL`, `LANGUAGE`, ...), beyond the four neutral ones.
 */
export function geminiFinishStep(
  finishReason: string,
  reply: SimulatedReply = {},
  options: GeminiStepOptions = {},
): SimulatorStep {
  const context = contextOf(options, finishReason);
  return {
    kind: 'recorded',
    json: JSON.stringify(renderGeminiResponse(reply, context)),
    chunks: renderGeminiChunks(reply, context, options).map((chunk) => JSON.stringify(chunk)),
    chunkDelayMs: options.chunkDelayMs,
  };
}
