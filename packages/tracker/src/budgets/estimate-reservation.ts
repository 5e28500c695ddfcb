import {
  type ChatRequest,
  ConfigurationError,
  calculateCost,
  createUsage,
  pricesFor,
  type ResolvedModel,
} from '@stratum/core';
import { estimateRequestTokens } from '@stratum/middleware';
import { costInPicodollars } from '../records/build-record.js';
import { usdToPicodollars } from '../records/call-record.js';

export interface ReservationOptions {
  /** Multiplies the estimated prompt tokens (default 1.1): tokenizers of some vendors are not public. */
  inputTokenMargin?: number;
  /** Dollars reserved for a call whose worst case cannot be priced (no `maxOutputTokens`, unknown price). */
  capUsd?: number;
  /** Your own worst-case estimate in dollars, replacing the default. */
  estimateCostUsd?: (request: ChatRequest, model: ResolvedModel) => number | Promise<number>;
  /** How long an unsettled reservation holds money, should its process die (default 15 min). */
  ttlMs?: number;
}

/**
 * The most a call can cost, in picodollars, reserved before it starts: the prompt counted with
 * `@stratum/tokenizer` when it is installed, characters / 4 otherwise (times the margin) at the dearer of the input and cache-write
 * prices, plus `maxOutputTokens` (or the model's own maximum) at the dearer of the output and
 * reasoning prices, long-context tiers included (`calculateCost`).
 */
export async function worstCaseCost(
  request: ChatRequest,
  model: ResolvedModel,
  options: ReservationOptions,
): Promise<number> {
  if (options.estimateCostUsd) {
    return usdToPicodollars(await options.estimateCostUsd(request, model));
  }
  const pricing = model.info?.pricing;
  const maxOutputTokens = request.maxOutputTokens ?? model.info?.maxOutputTokens;
  if (!pricing || !model.info || maxOutputTokens === undefined) {
    if (options.capUsd !== undefined) return usdToPicodollars(options.capUsd);
    throw new ConfigurationError(
      pricing
        ? `A budget applies to this ${model.id} call but it sets no maxOutputTokens, so its worst-case cost is unbounded. Set maxOutputTokens on the request, or createTracker({ reservation: { capUsd } }).`
        : `A budget applies to this call but ${model.id} has no known price. Give it one with registerModel({ id: '${model.id}', pricing }), or set createTracker({ reservation: { capUsd } }).`,
      { provider: model.provider, model: model.name },
    );
  }
  const margin = options.inputTokenMargin ?? 1.1;
  const prompt = await estimateRequestTokens({ ...request, maxOutputTokens: 0 }, model);
  const inputTokens = Math.ceil(prompt * margin);
  const prices = pricesFor(pricing, inputTokens);
  const usage = createUsage({
    inputTokens,
    cacheWriteTokens: (prices.cacheWrite ?? 0) > prices.input ? inputTokens : 0,
    outputTokens: maxOutputTokens,
    reasoningTokens: (prices.reasoning ?? 0) > prices.output ? maxOutputTokens : 0,
  });
  return costInPicodollars(calculateCost(model.info, usage)).total;
}
