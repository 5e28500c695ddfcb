/**
 * The parts of Gemini's `GenerateContentResponse` the simulator writes, as documented in
 * https://ai.google.dev/api/generate-content#generatecontentresponse. Field names are the
 * REST API's camelCase JSON names.
 */

export interface GeminiFunctionCall {
  /** The Gemini Developer API usually leaves `id` out; the simulator sends one only when asked. */
  id?: string;
  name: string;
  args: Record<string, unknown>;
}

export interface GeminiPart {
  text?: string;
  /** Marks a thought summary (sent only when the request asked for `includeThoughts`). */
  thought?: boolean;
  /** Opaque signature the client must send back on the same part in the next turn. */
  thoughtSignature?: string;
  functionCall?: GeminiFunctionCall;
}

export interface GeminiSafetyRating {
  category: string;
  probability: 'NEGLIGIBLE' | 'LOW' | 'MEDIUM' | 'HIGH';
  blocked?: boolean;
}

export interface GeminiCandidate {
  content?: { parts: GeminiPart[]; role: 'model' };
  finishReason?: string;
  index: number;
  safetyRatings?: GeminiSafetyRating[];
  finishMessage?: string;
}

/** https://ai.google.dev/api/generate-content#UsageMetadata */
export interface GeminiUsageMetadata {
  /** Every prompt token, the cached ones (`cachedContentTokenCount`) included. */
  promptTokenCount: number;
  /** Generated tokens, thoughts excluded. */
  candidatesTokenCount?: number;
  totalTokenCount: number;
  cachedContentTokenCount?: number;
  promptTokensDetails?: Array<{ modality: string; tokenCount: number }>;
  cacheTokensDetails?: Array<{ modality: string; tokenCount: number }>;
  thoughtsTokenCount?: number;
}

export interface GeminiPromptFeedback {
  blockReason: string;
  safetyRatings?: GeminiSafetyRating[];
}

export interface GeminiResponseBody {
  candidates?: GeminiCandidate[];
  promptFeedback?: GeminiPromptFeedback;
  usageMetadata?: GeminiUsageMetadata;
  modelVersion: string;
  responseId: string;
}
