/**
 * Gemini API error bodies: the `google.rpc.Status` JSON every Google API answers with,
 * https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes and
 * https://cloud.google.com/apis/design/errors#error_model.
 */

export interface GoogleRpcErrorBody {
  error: {
    code: number;
    message: string;
    status: string;
    details?: Array<Record<string, unknown>>;
  };
}

/** The canonical `google.rpc.Code` name for an HTTP status, as Google's APIs map them. */
const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const KNOWN_STATUS_NAMES = new Set([
  ...Object.values(STATUS_NAMES),
  'FAILED_PRECONDITION',
  'OUT_OF_RANGE',
  'ALREADY_EXISTS',
  'UNKNOWN',
  'DATA_LOSS',
]);

/** The messages the Gemini API sends for each status. */
function defaultMessage(status: string, model: string): string {
  switch (status) {
    case 'INVALID_ARGUMENT':
      return 'Request contains an invalid argument.';
    case 'FAILED_PRECONDITION':
      return 'User location is not supported for the API use.';
    case 'UNAUTHENTICATED':
      return 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';
    case 'PERMISSION_DENIED':
      return 'The caller does not have permission';
    case 'NOT_FOUND':
      return `models/${model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`;
    case 'RESOURCE_EXHAUSTED':
      return 'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.';
    case 'INTERNAL':
      return 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting';
    case 'UNAVAILABLE':
      return 'The model is overloaded. Please try again later.';
    case 'DEADLINE_EXCEEDED':
      return 'Deadline expired before operation could complete.';
    default:
      return `The request failed with status ${status}.`;
  }
}

export interface GoogleErrorOptions {
  /** A `google.rpc.Code` name (`FAILED_PRECONDITION`) or an `ErrorInfo` reason (`API_KEY_INVALID`). */
  vendorCode?: string;
  message?: string;
  model?: string;
  /** Seconds for the 429 `RetryInfo` detail (`retryDelay: "7s"`); Gemini's default is tens of seconds. */
  retryDelaySeconds?: number;
}

/** The exact error body the Gemini API sends for an HTTP status. */
export function googleErrorBody(
  status: number,
  options: GoogleErrorOptions = {},
): GoogleRpcErrorBody {
  const vendorCode = options.vendorCode;
  const statusName =
    vendorCode && KNOWN_STATUS_NAMES.has(vendorCode)
      ? vendorCode
      : (STATUS_NAMES[status] ?? (status >= 500 ? 'INTERNAL' : 'UNKNOWN'));
  const message = options.message ?? defaultMessage(statusName, options.model ?? 'gemini');
  const details: Array<Record<string, unknown>> = [];
  if (vendorCode && !KNOWN_STATUS_NAMES.has(vendorCode)) {
    details.push({
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: vendorCode,
      domain: 'googleapis.com',
      metadata: { service: 'generativelanguage.googleapis.com' },
    });
  }
  if (statusName === 'RESOURCE_EXHAUSTED') {
    details.push(
      {
        '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
        violations: [
          {
            quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
            quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier',
            quotaDimensions: { location: 'global', model: options.model ?? 'gemini' },
            quotaValue: '10',
          },
        ],
      },
      {
        '@type': 'type.googleapis.com/google.rpc.Help',
        links: [
          {
            description: 'Learn more about Gemini API quotas',
            url: 'https://ai.google.dev/gemini-api/docs/rate-limits',
          },
        ],
      },
      {
        '@type': 'type.googleapis.com/google.rpc.RetryInfo',
        retryDelay: `${options.retryDelaySeconds ?? 32}s`,
      },
    );
  }
  const body: GoogleRpcErrorBody = { error: { code: status, message, status: statusName } };
  if (details.length > 0) body.error.details = details;
  return body;
}

/** Gemini's answer to a request without any API key (observed: 403, not 401). */
export function missingApiKeyBody(): GoogleRpcErrorBody {
  return googleErrorBody(403, {
    message:
      "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
  });
}

/** Gemini's answer to a wrong API key: 400 INVALID_ARGUMENT with reason API_KEY_INVALID. */
export function invalidApiKeyBody(): GoogleRpcErrorBody {
  const body = googleErrorBody(400, {
    vendorCode: 'API_KEY_INVALID',
    message: 'API key not valid. Please pass a valid API key.',
  });
  body.error.details?.push({
    '@type': 'type.googleapis.com/google.rpc.LocalizedMessage',
    locale: 'en-US',
    message: 'API key not valid. Please pass a valid API key.',
  });
  return body;
}
