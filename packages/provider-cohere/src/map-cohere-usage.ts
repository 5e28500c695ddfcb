import { createUsage, type Usage } from '@stratum/core';
import type { Cohere } from 'cohere-ai';

/**
 * Cohere bills `usage.billed_units` (https://docs.cohere.com/reference/chat#response.body.usage):
 * those are the counts Stratum prices. `usage.tokens` also counts the tokens of Cohere's own
 * system preamble and `cached_tokens` the prompt tokens served from its cache; neither is
 * billed apart, so both stay only in the raw response, for reference (docs/cost-rules.md).
 * Cohere reports no reasoning count: thinking is inside the billed output tokens.
 */
export function mapCohereUsage(usage: Cohere.Usage | undefined): Usage {
  return createUsage({
    inputTokens: usage?.billedUnits?.inputTokens,
    outputTokens: usage?.billedUnits?.outputTokens,
  });
}
