/**
 * Mistral's error body: `{"object": "error", "message", "type", "param", "code"}`. Validation
 * failures (422) carry the validator's `detail` list as the message.
 * https://docs.mistral.ai/api/
 */
export interface MistralErrorBody {
  object: 'error';
  message: string | { detail: Array<Record<string, unknown>> };
  type: string;
  param: string | null;
  code: string | null;
}

const DEFAULTS: Record<number, { type: string; code: string | null; message: string }> = {
  400: {
    type: 'invalid_request_error',
    code: null,
    message: 'Invalid request: the request body could not be read.',
  },
  401: { type: 'invalid_request_error', code: null, message: 'Unauthorized' },
  403: {
    type: 'invalid_request_error',
    code: null,
    message: 'Forbidden: this API key may not use this model.',
  },
  404: {
    type: 'invalid_model',
    code: '1500',
    message: 'Invalid model: the model does not exist or you do not have access to it.',
  },
  429: { type: 'rate_limited', code: '1300', message: 'Requests rate limit exceeded' },
  500: { type: 'internal_server_error', code: null, message: 'Internal server error' },
  503: {
    type: 'service_unavailable',
    code: null,
    message: 'Service unavailable: the model is overloaded, please retry.',
  },
};

export function mistralErrorBody(
  status: number,
  overrides: { vendorCode?: string; message?: string } = {},
): MistralErrorBody {
  const defaults = DEFAULTS[status] ?? {
    type: status >= 500 ? 'internal_server_error' : 'invalid_request_error',
    code: null,
    message: `Request failed with status ${status}.`,
  };
  return {
    object: 'error',
    message: overrides.message ?? defaults.message,
    type: defaults.type,
    param: null,
    code: overrides.vendorCode ?? defaults.code,
  };
}

/** A 422 for fields Mistral's schema does not allow (`extra_forbidden`). */
export function mistralExtraFieldsBody(
  fields: string[],
  body: Record<string, unknown>,
): MistralErrorBody {
  return {
    object: 'error',
    message: {
      detail: fields.map((field) => ({
        type: 'extra_forbidden',
        loc: ['body', field],
        msg: 'Extra inputs are not permitted',
        input: body[field],
      })),
    },
    type: 'invalid_request_error',
    param: null,
    code: null,
  };
}
