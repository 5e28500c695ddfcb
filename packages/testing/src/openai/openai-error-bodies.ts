/**
 * OpenAI's error bodies and headers per HTTP status, as the API sends them.
 * https://platform.openai.com/docs/guides/error-codes
 */

/** `{"error":{"message","type","param","code"}}`; `code` is a number on Cloudflare's 502. */
export interface OpenAIErrorBody {
  error: {
    message: string;
    type: string;
    param: string | null;
    code: string | number | null;
  };
}

interface ErrorDefaults {
  type: string;
  code: string | number | null;
  message: (model: string) => string;
  param?: string;
}

const DEFAULTS: Record<number, ErrorDefaults> = {
  400: {
    type: 'invalid_request_error',
    code: null,
    param: 'messages',
    message: () => "Invalid value for 'messages': the request could not be read.",
  },
  401: {
    type: 'invalid_request_error',
    code: 'invalid_api_key',
    message: () =>
      'Incorrect API key provided: sk-sim*****0000. You can find your API key at https://platform.openai.com/account/api-keys.',
  },
  403: {
    type: 'request_forbidden',
    code: 'unsupported_country_region_territory',
    message: () => 'Country, region, or territory not supported',
  },
  404: {
    type: 'invalid_request_error',
    code: 'model_not_found',
    message: (model) => `The model \`${model}\` does not exist or you do not have access to it.`,
  },
  408: {
    type: 'server_error',
    code: 'timeout',
    message: () => 'Request timed out.',
  },
  409: {
    type: 'invalid_request_error',
    code: 'conflict',
    message: () => 'Another request with the same idempotency key is in progress.',
  },
  413: {
    type: 'invalid_request_error',
    code: 'request_too_large',
    message: () => 'Request too large: the body exceeds the maximum allowed size.',
  },
  422: {
    type: 'invalid_request_error',
    code: null,
    message: () => 'Unprocessable entity: the request body is valid JSON but cannot be processed.',
  },
  429: {
    type: 'requests',
    code: 'rate_limit_exceeded',
    message: (model) =>
      `Rate limit reached for ${model} in organization org-simulator on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in 2s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
  },
  500: {
    type: 'server_error',
    code: null,
    message: () =>
      'The server had an error while processing your request. Sorry about that! You can retry your request.',
  },
  // Cloudflare in front of the API answers 502 with a numeric code.
  502: { type: 'cf_bad_gateway', code: 502, message: () => 'Bad gateway.' },
  503: {
    type: 'server_error',
    code: null,
    message: () => 'The server is overloaded or not ready yet.',
  },
};

/** The body OpenAI sends for `status`; `vendorCode` and `message` replace the defaults. */
export function openAIErrorBody(
  status: number,
  model: string,
  overrides: { vendorCode?: string; message?: string } = {},
): OpenAIErrorBody {
  const defaults = DEFAULTS[status] ?? {
    type: status >= 500 ? 'server_error' : 'invalid_request_error',
    code: null,
    message: () => `The request failed with status ${status}.`,
  };
  return {
    error: {
      message: overrides.message ?? defaults.message(model),
      type: defaults.type,
      param: defaults.param ?? null,
      code: overrides.vendorCode ?? defaults.code,
    },
  };
}

/** Headers OpenAI adds to an error response: rate-limit state and `retry-after` on 429. */
export function openAIErrorHeaders(status: number): Record<string, string> {
  if (status !== 429) return {};
  return {
    'retry-after': '2',
    'x-ratelimit-limit-requests': '500',
    'x-ratelimit-remaining-requests': '0',
    'x-ratelimit-reset-requests': '2s',
    'x-ratelimit-limit-tokens': '200000',
    'x-ratelimit-remaining-tokens': '199000',
    'x-ratelimit-reset-tokens': '300ms',
  };
}
