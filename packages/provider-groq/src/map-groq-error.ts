import {
  normalizeHeaders,
  ProviderUnavailableError,
  RateLimitError,
  type StratumError,
} from '@stratum/core';
import { parseResetDuration } from '@stratum/core/provider-kit';
import { mapOpenAIError, type OpenAIErrorContext } from '@stratum/provider-openai/internal';

/**
 * Groq's errors are OpenAI-shaped, so the shared mapping applies, with two additions:
 * - a 429 without a usable `retry-after` gets its wait from Groq's reset headers;
 * - 498 (Flex tier capacity exceeded) is a passing capacity shortage, so it is retryable.
 * https://console.groq.com/docs/errors, https://console.groq.com/docs/rate-limits
 */
export function mapGroqError(error: unknown, context: OpenAIErrorContext): StratumError {
  const mapped = mapOpenAIError(error, context);
  if (mapped.status === 498) {
    return new ProviderUnavailableError(
      `${mapped.message} Groq's flex tier is out of capacity right now; retry shortly or use the on_demand service tier.`,
      { ...optionsOf(mapped), retryable: true },
    );
  }
  if (!RateLimitError.is(mapped) || mapped.retryAfterMs !== undefined) return mapped;
  const retryAfterMs = groqResetMs(mapped.headers ?? {});
  if (retryAfterMs === undefined) return mapped;
  return new RateLimitError(
    `${mapped.message} Groq's rate-limit headers say the limit resets in ${retryAfterMs} ms.`,
    { ...optionsOf(mapped), retryAfterMs },
  );
}

function optionsOf(error: StratumError) {
  return {
    provider: error.provider,
    model: error.model,
    status: error.status,
    vendorCode: error.vendorCode,
    headers: error.headers,
    cause: error.cause,
  };
}

/**
 * How long until the exhausted limit resets, from `x-ratelimit-reset-requests` (requests per
 * day) and `x-ratelimit-reset-tokens` (tokens per minute). The limit whose
 * `x-ratelimit-remaining-*` is 0 is the one to wait for (both: the later reset); when the
 * headers do not say, the tokens window, which is what usually trips a 429.
 */
export function groqResetMs(headers: Headers | Record<string, string>): number | undefined {
  const normalized = normalizeHeaders(headers);
  const requests = parseResetDuration(normalized['x-ratelimit-reset-requests']);
  const tokens = parseResetDuration(normalized['x-ratelimit-reset-tokens']);
  const exhausted: number[] = [];
  if (requests !== undefined && normalized['x-ratelimit-remaining-requests'] === '0')
    exhausted.push(requests);
  if (tokens !== undefined && normalized['x-ratelimit-remaining-tokens'] === '0')
    exhausted.push(tokens);
  if (exhausted.length > 0) return Math.max(...exhausted);
  return tokens ?? requests;
}
