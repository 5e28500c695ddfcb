/**
 * Azure OpenAI's error bodies: `{"error": {"code", "message", ...}}` where `code` is a string
 * (`"401"`, `"DeploymentNotFound"`, `"content_filter"`), and a content-filter refusal carries
 * `innererror.content_filter_result` with each category's verdict.
 * https://learn.microsoft.com/azure/ai-foundry/openai/concepts/content-filter
 */
export interface AzureErrorBody {
  error: {
    code: string;
    message: string;
    param?: string | null;
    type?: string | null;
    status?: number;
    innererror?: { code: string; content_filter_result: Record<string, unknown> };
  };
}

/** The verdicts of a prompt blocked for violence at medium severity. */
export const AZURE_VIOLENCE_FILTER_RESULT: Record<string, unknown> = {
  hate: { filtered: false, severity: 'safe' },
  jailbreak: { filtered: false, detected: false },
  self_harm: { filtered: false, severity: 'safe' },
  sexual: { filtered: false, severity: 'safe' },
  violence: { filtered: true, severity: 'medium' },
};

const DEFAULTS: Record<number, { code: string; message: string }> = {
  400: {
    code: 'BadRequest',
    message: "Invalid value for 'messages': the request could not be read.",
  },
  401: {
    code: '401',
    message:
      'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
  },
  403: { code: '403', message: 'Public access is disabled. Please configure private endpoint.' },
  404: {
    code: 'DeploymentNotFound',
    message:
      'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.',
  },
  408: { code: 'Timeout', message: 'The operation was timeout.' },
  429: {
    code: '429',
    message:
      'Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 6 seconds. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.',
  },
  500: {
    code: 'InternalServerError',
    message: 'The server had an error while processing your request.',
  },
  503: {
    code: 'ServiceUnavailable',
    message: 'The service is temporarily unable to process your request. Please try again later.',
  },
};

export function azureErrorBody(
  status: number,
  overrides: { vendorCode?: string; message?: string } = {},
): AzureErrorBody {
  if (overrides.vendorCode === 'content_filter') {
    return {
      error: {
        message:
          overrides.message ??
          "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766",
        type: null,
        param: 'prompt',
        code: 'content_filter',
        status,
        innererror: {
          code: 'ResponsibleAIPolicyViolation',
          content_filter_result: AZURE_VIOLENCE_FILTER_RESULT,
        },
      },
    };
  }
  const defaults = DEFAULTS[status] ?? {
    code: String(status),
    message: `Request failed with status ${status}.`,
  };
  return {
    error: {
      code: overrides.vendorCode ?? defaults.code,
      message: overrides.message ?? defaults.message,
    },
  };
}

/** Azure adds both `retry-after` (seconds) and `retry-after-ms` to a 429. */
export function azureErrorHeaders(status: number): Record<string, string> {
  if (status !== 429) return {};
  return {
    'retry-after': '6',
    'retry-after-ms': '6000',
    'x-ratelimit-remaining-requests': '0',
    'x-ratelimit-remaining-tokens': '0',
  };
}
