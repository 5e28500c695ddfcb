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
    const wait = limit.format === 'duration' ? parseDuration(reset) : untilDate(reset, now);
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

const DURATION_PART = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g;
const UNIT_MS: Record<string, number> = {
  h: 3_600_000,
  m: 60_000,
  s: 1_000,
  ms: 1,
  us: 0.001,
  µs: 0.001,
  ns: 0.000001,
};

/** Parses a Go `time.Duration` string (`1h2m3.5s`, `20ms`) or bare seconds; `undefined` otherwise. */
export function parseDuration(value: string): number | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  // A bare number is seconds (some OpenAI-compatible vendors send that).
  if (/^\d+(?:\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1_000);
  let total = 0;
  let consumed = 0;
  for (const match of text.matchAll(DURATION_PART)) {
    if (match.index !== consumed) return undefined;
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? Number.NaN);
    consumed += match[0].length;
  }
  if (consumed !== text.length || !Number.isFinite(total)) return undefined;
  return Math.ceil(total);
}

function untilDate(value: string, now: number): number | undefined {
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : Math.max(0, time - now);
}
