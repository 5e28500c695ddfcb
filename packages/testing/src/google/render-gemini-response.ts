import type { SimulatedReply, SimulatedUsage, StreamShape } from '../simulator/scenario.js';
import { splitText } from '../simulator/write-helpers.js';
import type {
  GeminiCandidate,
  GeminiFunctionCall,
  GeminiPart,
  GeminiResponseBody,
  GeminiSafetyRating,
  GeminiUsageMetadata,
} from './gemini-wire-types.js';

/** What the request contributes to a rendered answer. */
export interface GeminiRenderContext {
  /** The model from the request path; `reply.model` overrides it as `modelVersion`. */
  model: string;
  responseId: string;
  /** Send `functionCall.id` (the Gemini Developer API usually omits it). */
  functionCallIds: boolean;
  /** Prompt size used when the reply gives no usage. */
  estimatedPromptTokens: number;
  /** A Gemini finish reason that replaces the one derived from `reply.finishReason`. */
  finishReason?: string;
}

/** Rough token count for replies without scripted usage: one token per four characters. */
export function estimateTokens(text: string): number {
  return text === '' ? 0 : Math.max(1, Math.ceil(text.length / 4));
}

/**
 * Stratum's neutral usage in Gemini's fields: `promptTokenCount` includes the cached tokens,
 * `candidatesTokenCount` excludes the thoughts (`outputTokens - reasoningTokens`).
 * Gemini reports no cache writes (explicit caches are billed by storage), so
 * `cacheWriteTokens` has no field.
 */
export function toGeminiUsageMetadata(usage: SimulatedUsage): GeminiUsageMetadata {
  const reasoning = usage.reasoningTokens ?? 0;
  const cached = usage.cacheReadTokens ?? 0;
  const metadata: GeminiUsageMetadata = {
    promptTokenCount: usage.inputTokens,
    candidatesTokenCount: usage.outputTokens - reasoning,
    totalTokenCount: usage.inputTokens + usage.outputTokens,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: usage.inputTokens }],
  };
  if (cached > 0) {
    metadata.cachedContentTokenCount = cached;
    metadata.cacheTokensDetails = [{ modality: 'TEXT', tokenCount: cached }];
  }
  if (reasoning > 0) metadata.thoughtsTokenCount = reasoning;
  return metadata;
}

/** The categories Gemini rates; a content-filter reply marks the first one as blocked. */
export function blockedSafetyRatings(): GeminiSafetyRating[] {
  return [
    { category: 'HARM_CATEGORY_SEXUALLY_EXPLICIT', probability: 'NEGLIGIBLE' },
    { category: 'HARM_CATEGORY_HATE_SPEECH', probability: 'NEGLIGIBLE' },
    { category: 'HARM_CATEGORY_HARASSMENT', probability: 'NEGLIGIBLE' },
    { category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH', blocked: true },
  ];
}

interface PreparedReply {
  thoughts: string;
  text: string;
  calls: GeminiFunctionCall[];
  finishReason: string;
  usage: SimulatedUsage;
  signature: string | undefined;
  blocked: boolean;
}

function prepare(reply: SimulatedReply, context: GeminiRenderContext): PreparedReply {
  const calls: GeminiFunctionCall[] = [];
  let malformed = false;
  (reply.toolCalls ?? []).forEach((call, index) => {
    const args = toArgs(call.arguments);
    if (!args) {
      malformed = true;
      return;
    }
    const functionCall: GeminiFunctionCall = { name: call.name, args };
    if (context.functionCallIds) functionCall.id = call.id ?? `function-call-${index}`;
    calls.push(functionCall);
  });
  const thoughts = reply.reasoning ?? '';
  const text = reply.text ?? '';
  const usage = reply.usage ?? {
    inputTokens: context.estimatedPromptTokens,
    outputTokens:
      estimateTokens(text) +
      estimateTokens(thoughts) +
      calls.reduce((sum, call) => sum + estimateTokens(JSON.stringify(call.args)), 0),
    reasoningTokens: estimateTokens(thoughts),
  };
  // A tool call whose arguments are not a JSON object cannot be expressed in Gemini's wire
  // format; Gemini reports such a call as MALFORMED_FUNCTION_CALL and drops it.
  const finishReason =
    context.finishReason ??
    (malformed ? 'MALFORMED_FUNCTION_CALL' : geminiFinishReason(reply.finishReason));
  return {
    thoughts,
    text,
    calls: malformed ? [] : calls,
    finishReason,
    usage,
    signature: reply.reasoningSignature,
    blocked: SAFETY_FINISH_REASONS.has(finishReason),
  };
}

const SAFETY_FINISH_REASONS = new Set([
  'SAFETY',
  'PROHIBITED_CONTENT',
  'BLOCKLIST',
  'SPII',
  'RECITATION',
]);

function geminiFinishReason(finishReason: SimulatedReply['finishReason']): string {
  switch (finishReason) {
    case 'length':
      return 'MAX_TOKENS';
    case 'content-filter':
      return 'SAFETY';
    default:
      // Gemini has no finish reason of its own for function calls: they end with STOP.
      return 'STOP';
  }
}

function toArgs(value: unknown): Record<string, unknown> | undefined {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = value.trim() === '' ? {} : JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  return { ...parsed };
}

function finalCandidate(prepared: PreparedReply, parts: GeminiPart[]): GeminiCandidate {
  const candidate: GeminiCandidate = { index: 0, finishReason: prepared.finishReason };
  if (parts.length > 0) candidate.content = { parts, role: 'model' };
  if (prepared.blocked) candidate.safetyRatings = blockedSafetyRatings();
  if (prepared.finishReason === 'MALFORMED_FUNCTION_CALL') {
    candidate.finishMessage = 'Malformed function call: the arguments are not a JSON object.';
  }
  return candidate;
}

/** The body of `models/{model}:generateContent`. */
export function renderGeminiResponse(
  reply: SimulatedReply,
  context: GeminiRenderContext,
): GeminiResponseBody {
  const prepared = prepare(reply, context);
  const parts: GeminiPart[] = [];
  if (!prepared.blocked) {
    if (prepared.thoughts) parts.push({ text: prepared.thoughts, thought: true });
    if (prepared.text) parts.push({ text: prepared.text });
    for (const call of prepared.calls) parts.push({ functionCall: call });
    attachSignature(parts, prepared.signature);
  }
  return {
    candidates: [finalCandidate(prepared, parts)],
    usageMetadata: toGeminiUsageMetadata(prepared.usage),
    modelVersion: reply.model ?? context.model,
    responseId: context.responseId,
  };
}

/** Gemini puts the signature on the first function call, else on the last text part. */
function attachSignature(parts: GeminiPart[], signature: string | undefined): void {
  if (!signature) return;
  const target = parts.find((part) => part.functionCall) ?? parts.findLast((part) => !part.thought);
  if (target) target.thoughtSignature = signature;
  else parts.push({ text: '', thoughtSignature: signature });
}

/**
 * The events of `models/{model}:streamGenerateContent?alt=sse`: each one a whole
 * `GenerateContentResponse` carrying the parts generated since the previous one. Thoughts
 * come first, then text, then every function call in one chunk (Gemini never splits
 * arguments); the last chunk carries the finish reason. Every chunk repeats the running
 * `usageMetadata`, so only the last one holds the final counts.
 */
export function renderGeminiChunks(
  reply: SimulatedReply,
  context: GeminiRenderContext,
  shape: StreamShape = {},
): GeminiResponseBody[] {
  const prepared = prepare(reply, context);
  const pieces: GeminiPart[][] = [];
  for (const thought of splitText(prepared.thoughts, shape.chunkSize)) {
    pieces.push([{ text: thought, thought: true }]);
  }
  for (const text of splitText(prepared.text, shape.chunkSize)) pieces.push([{ text }]);
  if (prepared.calls.length > 0) {
    const callParts: GeminiPart[] = prepared.calls.map((call) => ({ functionCall: call }));
    if (prepared.signature) {
      const [first] = callParts;
      if (first) first.thoughtSignature = prepared.signature;
    }
    pieces.push(callParts);
  } else if (prepared.signature && !prepared.blocked) {
    // Text answers end with an empty text part holding the signature, as Gemini 3 streams do.
    pieces.push([{ text: '', thoughtSignature: prepared.signature }]);
  }
  if (prepared.blocked || pieces.length === 0) {
    pieces.push(prepared.blocked ? [] : [{ text: '' }]);
  }

  const final = toGeminiUsageMetadata(prepared.usage);
  const finalCandidates = final.candidatesTokenCount ?? 0;
  const modelVersion = reply.model ?? context.model;
  return pieces.map((parts, index) => {
    const last = index === pieces.length - 1;
    const candidate: GeminiCandidate = last
      ? finalCandidate(prepared, parts)
      : { content: { parts, role: 'model' }, index: 0 };
    const usageMetadata: GeminiUsageMetadata = last
      ? final
      : runningUsage(final, Math.floor((finalCandidates * (index + 1)) / pieces.length));
    return {
      candidates: [candidate],
      usageMetadata,
      modelVersion,
      responseId: context.responseId,
    };
  });
}

function runningUsage(final: GeminiUsageMetadata, candidates: number): GeminiUsageMetadata {
  return {
    ...final,
    candidatesTokenCount: candidates,
    totalTokenCount: final.promptTokenCount + candidates + (final.thoughtsTokenCount ?? 0),
  };
}
