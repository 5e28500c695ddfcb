import { randomBytes } from 'node:crypto';

/**
 * Error types and their statuses, as documented at https://platform.claude.com/docs/en/api/errors:
 * every error body is `{"type":"error","error":{"type","message"},"request_id"}`.
 */
const ERROR_TYPES: ReadonlyMap<number, { type: string; message: string }> = new Map([
  [400, { type: 'invalid_request_error', message: 'Invalid request.' }],
  [401, { type: 'authentication_error', message: 'invalid x-api-key' }],
  [402, { type: 'billing_error', message: 'Your credit balance is too low.' }],
  [
    403,
    {
      type: 'permission_error',
      message: 'Your API key does not have permission to use the specified resource.',
    },
  ],
  [404, { type: 'not_found_error', message: 'The requested resource could not be found.' }],
  [409, { type: 'conflict_error', message: 'A conflicting request is in progress.' }],
  [
    413,
    { type: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' },
  ],
  [
    429,
    {
      type: 'rate_limit_error',
      message: 'Number of request tokens has exceeded your per-minute rate limit.',
    },
  ],
  [500, { type: 'api_error', message: 'Internal server error' }],
  [504, { type: 'timeout_error', message: 'Request timed out.' }],
  [529, { type: 'overloaded_error', message: 'Overloaded' }],
]);

/** The error type Anthropic sends with a status; other 4xx are `invalid_request_error`, other 5xx `api_error`. */
export function anthropicErrorType(status: number): { type: string; message: string } {
  const known = ERROR_TYPES.get(status);
  if (known) return known;
  return status >= 500
    ? { type: 'api_error', message: 'Internal server error' }
    : { type: 'invalid_request_error', message: 'Invalid request.' };
}

export function anthropicErrorBody(type: string, message: string, requestId: string): string {
  return JSON.stringify({ type: 'error', error: { type, message }, request_id: requestId });
}

/** The body of an `event: error` sent inside a stream (no request_id there). */
export function anthropicStreamErrorData(type: string, message: string): string {
  return JSON.stringify({ type: 'error', error: { type, message } });
}

/**
 * Headers of a 429: `retry-after` in seconds and the `anthropic-ratelimit-*` family
 * (https://platform.claude.com/docs/en/api/rate-limits#response-headers).
 */
export function rateLimitHeaders(now: number = Date.now()): Record<string, string> {
  const reset = new Date(now + 20_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    'retry-after': '20',
    'anthropic-ratelimit-requests-limit': '50',
    'anthropic-ratelimit-requests-remaining': '0',
    'anthropic-ratelimit-requests-reset': reset,
    'anthropic-ratelimit-tokens-limit': '40000',
    'anthropic-ratelimit-tokens-remaining': '0',
    'anthropic-ratelimit-tokens-reset': reset,
    'anthropic-ratelimit-input-tokens-limit': '30000',
    'anthropic-ratelimit-input-tokens-remaining': '0',
    'anthropic-ratelimit-input-tokens-reset': reset,
    'anthropic-ratelimit-output-tokens-limit': '10000',
    'anthropic-ratelimit-output-tokens-remaining': '0',
    'anthropic-ratelimit-output-tokens-reset': reset,
  };
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** An id shaped like Anthropic's: `msg_01` / `toolu_01` / `req_01` and 22 base62 characters. */
export function anthropicId(prefix: 'msg' | 'toolu' | 'req'): string {
  const bytes = randomBytes(22);
  let suffix = '';
  for (const byte of bytes) suffix += BASE62[byte % 62];
  return `${prefix}_01${suffix}`;
}
