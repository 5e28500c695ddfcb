import { calculateCost, type ProviderReportedCost, type Warning } from '@stratum/core';
import {
  mapOpenAIUsage,
  type OpenAICompatibleCallContext,
  type OpenAICompatibleUsage,
} from '@stratum/provider-openai/internal';

/**
 * OpenRouter's usage is OpenAI's (`prompt_tokens` includes `cached_tokens` and
 * `cache_write_tokens`, `completion_tokens` includes `reasoning_tokens`), so the OpenAI mapping
 * applies, plus the cost OpenRouter charged in `usage.cost` (credits, 1 credit = $1). With your
 * own upstream key (BYOK, `is_byok: true`), `cost` is OpenRouter's fee and the upstream bill is
 * `cost_details.upstream_inference_cost`; the total is both.
 * https://openrouter.ai/docs/use-cases/usage-accounting
 *
 * The reported cost is checked against the catalog's price for the same usage: beyond
 * `threshold` apart, the response gets a warning (the catalog is stale, or OpenRouter routed
 * to a provider with other prices).
 */
export function readOpenRouterCost(
  usage: OpenAICompatibleUsage,
  context: OpenAICompatibleCallContext,
  threshold: number,
): ProviderReportedCost | undefined {
  const fee = usage['cost'];
  if (typeof fee !== 'number' || !Number.isFinite(fee)) return undefined;
  const details = usage['cost_details'];
  const upstream =
    usage['is_byok'] === true && typeof details === 'object' && details !== null
      ? Reflect.get(details, 'upstream_inference_cost')
      : undefined;
  const total = fee + (typeof upstream === 'number' ? upstream : 0);
  const warning = compareWithCatalog(total, usage, context, threshold);
  if (warning) context.warnings.push(warning);
  return { total };
}

function compareWithCatalog(
  reported: number,
  usage: OpenAICompatibleUsage,
  context: OpenAICompatibleCallContext,
  threshold: number,
): Warning | undefined {
  const info = context.request.modelInfo;
  if (!info?.pricing) return undefined;
  const estimate = calculateCost(info, mapOpenAIUsage(usage))?.total;
  if (estimate === undefined) return undefined;
  const larger = Math.max(Math.abs(reported), Math.abs(estimate));
  if (larger === 0 || Math.abs(reported - estimate) <= threshold * larger) return undefined;
  return {
    type: 'other',
    message: `OpenRouter charged $${reported} for ${context.model}, but the catalog's price for this usage is $${estimate} (more than ${Math.round(threshold * 100)}% apart). The response's cost is OpenRouter's; check the catalog entry ${info.id}, or which upstream provider OpenRouter chose.`,
  };
}
