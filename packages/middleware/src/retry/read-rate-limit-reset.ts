import { parseResetDuration } from '@stratum/core/provider-kit';

/**
 * Vendor rate-limit reset headers, read when a 429 carries no `Retry-After`:
 *
 * - OpenAI and Groq: `x-ratelimit-remaining-{requests,tokens}` and
 *   `x-ratelimit-reset-{requests,tokens}` as Go-style durations (`6m0s`, `1.5s`, `20ms`).
 *   https://platform.openai.com/docs/guides/rate-limits#rate-limits-in-headers
 * - Anthropic: `anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{remaining,reset}`,
 *   the reset as an RFC 3339 time. https://docs.anthropic.com/en/api/rate-limits#response-headers
 *
 * Only limits that are exhausted (remaining 0) count: waiting for a limit that still has room
 * would be wasted time. When several are exhausted, the call must wait for all of them.
 */
const LIMITS: ReadonlyArray<{ remaining: string; reset: string; format: 'duration' | 'date' }> = [
  {
    remaining: 'x-ratelimit-remaining-requests',
    reset: 'x-ratelimit-reset-requests',
    format: 'duration',
  },
  {
    remaining: 'x-ratelimit-remaining-tokens',
    reset: 'x-ratelimit-reset-tokens',
    format: 'duration',
  },
  ...['requests', 'tokens', 'input-tokens', 'output-tokens'].map((limit) => ({
    remaining: `anthropic-ratelimit-${limit}-remaining`,
    reset: `anthropic-ratelimit-${limit}-reset`,
    format: 'date' as const,
  })),
];

/** Milliseconds until the exhausted vendor limits reset, or `undefined` when the headers do not say. */
export function readRateLimitReset(
  headers: Record<string, string> | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!headers) return undefined;
  let exhaustedWait: number | undefined;
  let unknownWait: number | undefined;
  for (const limit of LIMITS) {
    const reset = headers[limit.reset];
    if (reset === undefined) continue;
    const wait = limit.format === 'duration' ? parseResetDuration(reset) : untilDate(reset, now);
    if (wait === undefined) continue;
    const remaining = headers[limit.remaining];
    if (remaining === undefined) {
      unknownWait = unknownWait === undefined ? wait : Math.min(unknownWait, wait);
    } else if (Number(remaining) <= 0) {
      exhaustedWait = Math.max(exhaustedWait ?? 0, wait);
    }
  }
  return exhaustedWait ?? unknownWait;
}

function untilDate(value: string, now: number): number | undefined {
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : Math.max(0, time - now);
}
