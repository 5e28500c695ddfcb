import type { GenerateContentResponse, Part } from '@google/genai';
import type { ProviderChatResult, ResponseContentPart, Warning } from '@stratum/core';
import { blockedAnswerError, blockedPromptError } from './gemini-safety.js';
import { isBlockedFinishReason, mapGeminiFinishReason } from './map-gemini-finish-reason.js';
import { mapGeminiUsage } from './map-gemini-usage.js';
import type { ThoughtSignatureStore } from './thought-signature-store.js';

export interface ResponseContext {
  provider: string;
  model: string;
  signatures: ThoughtSignatureStore;
  warnings: Warning[];
  includeRaw: boolean | undefined;
}

/** Gemini rarely numbers its function calls, so Stratum does. */
export function generateToolCallId(): string {
  return `call_${crypto.randomUUID().replaceAll('-', '').slice(0, 24)}`;
}

/** The JSON body, without the SDK's own `sdkHttpResponse` field. */
export function responseBody(response: GenerateContentResponse): Record<string, unknown> {
  const { sdkHttpResponse: _http, ...body } = response;
  return body;
}

/**
 * A `generateContent` response → Stratum's result
 * (https://ai.google.dev/api/generate-content#generatecontentresponse). Thought parts become
 * reasoning, function calls tool calls (ids generated when Gemini gives none), and each
 * `thoughtSignature` rides on its part as `providerOptions.google.thoughtSignature`, so
 * sending the response content back returns every signature to Gemini.
 */
export function convertGeminiResponse(
  response: GenerateContentResponse,
  context: ResponseContext,
): ProviderChatResult {
  const blocked = blockedPromptError(response, context);
  if (blocked) throw blocked;
  const candidate = response.candidates?.[0];
  const rawFinishReason = candidate?.finishReason;
  if (rawFinishReason && isBlockedFinishReason(rawFinishReason)) {
    throw blockedAnswerError(rawFinishReason, candidate?.safetyRatings, context);
  }

  const content: ResponseContentPart[] = [];
  let hasToolCalls = false;
  for (const part of candidate?.content?.parts ?? []) {
    const converted = convertPart(part, content, context.signatures);
    if (converted?.type === 'tool-call') hasToolCalls = true;
    if (converted) content.push(converted);
  }

  const result: ProviderChatResult = {
    id: response.responseId ?? '',
    model: response.modelVersion ?? context.model,
    content,
    finishReason: mapGeminiFinishReason(rawFinishReason, hasToolCalls),
    usage: mapGeminiUsage(response.usageMetadata),
    warnings: context.warnings,
  };
  if (rawFinishReason) result.rawFinishReason = rawFinishReason;
  if (context.includeRaw) result.raw = responseBody(response);
  return result;
}

function convertPart(
  part: Part,
  previous: ResponseContentPart[],
  signatures: ThoughtSignatureStore,
): ResponseContentPart | undefined {
  const signature = part.thoughtSignature;
  if (part.functionCall) {
    const id = part.functionCall.id ?? generateToolCallId();
    if (signature) signatures.remember(id, signature);
    return {
      type: 'tool-call',
      id,
      name: part.functionCall.name ?? '',
      arguments: part.functionCall.args ?? {},
      ...(signature ? { providerOptions: { google: { thoughtSignature: signature } } } : {}),
    };
  }
  if (typeof part.text !== 'string') return undefined;
  if (part.thought) {
    return signature
      ? { type: 'reasoning', text: part.text, signature }
      : { type: 'reasoning', text: part.text };
  }
  if (part.text === '') {
    // Gemini 3 may end with an empty part that only carries the signature of the text before it.
    const last = previous.at(-1);
    if (signature && last?.type === 'text' && !last.providerOptions) {
      last.providerOptions = { google: { thoughtSignature: signature } };
    }
    return undefined;
  }
  return signature
    ? {
        type: 'text',
        text: part.text,
        providerOptions: { google: { thoughtSignature: signature } },
      }
    : { type: 'text', text: part.text };
}
