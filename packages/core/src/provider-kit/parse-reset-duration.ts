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

/**
 * Milliseconds (rounded up) in a rate-limit reset header written as a Go `time.Duration`
 * (`1h2m3.5s`, `2m59.56s`, `20ms`, as OpenAI and Groq send `x-ratelimit-reset-*`) or as bare
 * seconds (some OpenAI-compatible vendors); `undefined` for anything else.
 * https://platform.openai.com/docs/guides/rate-limits#rate-limits-in-headers
 */
export function parseResetDuration(value: string | undefined): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+(?:\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1_000);
  let total = 0;
  let consumed = 0;
  for (const match of text.matchAll(DURATION_PART)) {
    if (match.index !== consumed) return undefined;
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? Number.NaN);
    consumed += match[0].length;
  }
  if (consumed !== text.length || !Number.isFinite(total)) return undefined;
  // Rounded to the microsecond first, so float noise (59.56 * 1000) never adds a millisecond.
  return Math.ceil(Math.round(total * 1_000) / 1_000);
}
