import type { ChatRequest, ModelInfo, ResolvedModel } from '@stratum/core';
import type { FallbackSkip } from './fallback-info.js';

/** A money guard: fallbacks whose price per million tokens goes above it are skipped. */
export interface PriceGuard {
  /** Highest input and output price (USD per million tokens) a fallback model may have. */
  maxPricePerMillionTokens: number | undefined;
  /** Skip fallbacks whose input or output price is above the primary model's. */
  noPricierThanPrimary: boolean;
}

/**
 * Why a fallback model cannot take this request, before any token counting: a missing
 * capability the request depends on (tools, images) or a price over the guard. Settings a model
 * can approximate (JSON output, reasoning effort) are left to the provider, which turns them into
 * warnings. `undefined` when the model may be tried.
 */
export function refuseByCapabilityOrPrice(
  request: ChatRequest,
  model: ResolvedModel,
  primary: ResolvedModel,
  guard: PriceGuard,
): FallbackSkip | undefined {
  const info = model.info;
  if (info) {
    if (request.tools?.length && !info.capabilities.tools) {
      return skip(model, 'capability', 'the request has tools and the model cannot call tools');
    }
    if (!info.capabilities.vision && hasImage(request)) {
      return skip(model, 'capability', 'the request has images and the model cannot read images');
    }
  }
  if (guard.maxPricePerMillionTokens === undefined && !guard.noPricierThanPrimary) return undefined;
  const price = info?.pricing;
  if (!price) {
    return skip(model, 'price', 'its price is unknown, so the money guard cannot admit it');
  }
  const limit = guard.maxPricePerMillionTokens;
  if (limit !== undefined && (price.input > limit || price.output > limit)) {
    return skip(
      model,
      'price',
      `it costs $${price.input}/$${price.output} per million input/output tokens, above maxPricePerMillionTokens ($${limit})`,
    );
  }
  const primaryPrice = primary.info?.pricing;
  if (
    guard.noPricierThanPrimary &&
    primaryPrice &&
    (price.input > primaryPrice.input || price.output > primaryPrice.output)
  ) {
    return skip(
      model,
      'price',
      `it costs $${price.input}/$${price.output} per million input/output tokens, more than ${primary.id} ($${primaryPrice.input}/$${primaryPrice.output})`,
    );
  }
  return undefined;
}

/**
 * An upper bound of the request's tokens that costs no tokenizer: every token of the BPE
 * tokenizers in use stands for at least one UTF-8 byte, and a UTF-16 code unit is at most three
 * bytes. Images count as the most any vendor bills for one; tools as their JSON.
 */
export function tokenUpperBound(request: ChatRequest): number {
  let units = 0;
  let extra = (request.maxOutputTokens ?? 0) + UPPER_BOUND_TOKENS_PER_REPLY;
  for (const message of request.messages) {
    extra += UPPER_BOUND_TOKENS_PER_MESSAGE;
    if (typeof message.content === 'string') {
      units += message.content.length;
      continue;
    }
    for (const part of message.content) {
      if (part.type === 'text' || part.type === 'reasoning') units += part.text.length;
      else if (part.type === 'tool-call')
        units += part.name.length + JSON.stringify(part.arguments ?? null).length;
      else if (part.type === 'image') extra += UPPER_BOUND_TOKENS_PER_IMAGE;
      // Files (PDFs) are billed by their pages, which no estimate here can see; as in @stratum/tokenizer, not counted.
    }
  }
  if (request.tools?.length) units += JSON.stringify(request.tools).length;
  return units * 3 + extra;
}

const UPPER_BOUND_TOKENS_PER_MESSAGE = 8;
const UPPER_BOUND_TOKENS_PER_REPLY = 8;
/** OpenAI bills a high-detail 2048×2048 image at 1,105 tokens; Anthropic's largest come near 1,600. */
const UPPER_BOUND_TOKENS_PER_IMAGE = 2_000;

/** Whether `tokens` (prompt plus `maxOutputTokens`) fit the model's window; unknown windows admit. */
export function fitsWindow(info: ModelInfo | undefined, tokens: number): boolean {
  return info?.contextWindow === undefined || tokens <= info.contextWindow;
}

export function skip(
  model: ResolvedModel,
  reason: FallbackSkip['reason'],
  why: string,
): FallbackSkip {
  return { model: model.id, reason, message: `${model.id} skipped: ${why}.` };
}

function hasImage(request: ChatRequest): boolean {
  for (const message of request.messages) {
    if (typeof message.content === 'string') continue;
    for (const part of message.content) if (part.type === 'image') return true;
  }
  return false;
}
