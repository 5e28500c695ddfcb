import type { OpenAIErrorBody } from '../openai/openai-error-bodies.js';

/**
 * Groq's error bodies (OpenAI's shape) and headers.
 * https://console.groq.com/docs/errors, https://console.groq.com/docs/rate-limits
 */
const DEFAULTS: Record<
  number,
  { type: string; code: string | null; message: (model: string) => string }
> = {
  400: {
    type: 'invalid_request_error',
    code: null,
    message: () => "'messages' : minimum number of items is 1",
  },
  401: { type: 'invalid_request_error', code: 'invalid_api_key', message: () => 'Invalid API Key' },
  403: { type: 'permissions_error', code: null, message: () => 'Forbidden' },
  404: {
    type: 'invalid_request_error',
    code: 'model_not_found',
    message: (model) => `The model \`${model}\` does not exist or you do not have access to it.`,
  },
  413: {
    type: 'invalid_request_error',
    code: 'request_too_large',
    message: () => 'Request Entity Too Large',
  },
  429: {
    type: 'tokens',
    code: 'rate_limit_exceeded',
    message: (model) =>
      `Rate limit reached for model \`${model}\` in organization \`org_01simulator\` service tier \`on_demand\` on tokens per minute (TPM): Limit 6000, Used 5980, Requested 200. Please try again in 1.8s. Need more tokens? Upgrade to Dev Tier today at https://console.groq.com/settings/billing`,
  },
  498: {
    type: 'invalid_request_error',
    code: 'flex_tier_capacity_exceeded',
    message: () => 'Flex tier capacity exceeded',
  },
  500: { type: 'internal_server_error', code: null, message: () => 'Internal Server Error' },
  502: { type: 'internal_server_error', code: null, message: () => 'Bad Gateway' },
  503: {
    type: 'internal_server_error',
    code: 'service_unavailable',
    message: () =>
      'Service Unavailable: the server is temporarily overloaded or down for maintenance.',
  },
};

export function groqErrorBody(
  status: number,
  model: string,
  overrides: { vendorCode?: string; message?: string } = {},
): OpenAIErrorBody {
  const defaults = DEFAULTS[status];
  return {
    error: {
      message:
        overrides.message ?? defaults?.message(model) ?? `Request failed with status ${status}`,
      type: defaults?.type ?? (status >= 500 ? 'internal_server_error' : 'invalid_request_error'),
      param: null,
      code: overrides.vendorCode ?? defaults?.code ?? null,
    },
  };
}

/**
 * Groq's rate-limit headers. `x-ratelimit-*-requests` count requests per day and
 * `x-ratelimit-*-tokens` tokens per minute; resets are durations such as `2m59.56s` or `7.66s`.
 * `retry-after` (seconds) comes only with a 429.
 */
export function groqErrorHeaders(status: number): Record<string, string> {
  if (status !== 429) return {};
  return {
    'retry-after': '2',
    'x-ratelimit-limit-requests': '14400',
    'x-ratelimit-limit-tokens': '6000',
    'x-ratelimit-remaining-requests': '14370',
    'x-ratelimit-remaining-tokens': '0',
    'x-ratelimit-reset-requests': '2m59.56s',
    'x-ratelimit-reset-tokens': '1.8s',
  };
}
