import { ModelNotFoundError, StratumError, type StratumErrorCode } from '@stratum/core';
import { redactString } from '@stratum/middleware';
import { GatewayError, type OpenAIErrorType } from './gateway-error.js';

/** An error as the gateway answers it: the HTTP status and OpenAI's error body. */
export interface ErrorReply {
  status: number;
  headers: Record<string, string>;
  body: {
    error: { message: string; type: OpenAIErrorType; param: string | null; code: string };
  };
}

/**
 * Status and OpenAI type per Stratum error code, following OpenAI's own error table
 * (https://platform.openai.com/docs/guides/error-codes). A vendor's authentication or
 * permission failure is the gateway's configuration at fault, not the caller's key, so it is a
 * 502: answering 401 would tell the caller its gateway key is wrong.
 */
const BY_CODE: Record<StratumErrorCode, { status: number; type: OpenAIErrorType }> = {
  invalid_request: { status: 400, type: 'invalid_request_error' },
  context_length_exceeded: { status: 400, type: 'invalid_request_error' },
  content_filter: { status: 400, type: 'invalid_request_error' },
  model_not_found: { status: 404, type: 'not_found_error' },
  authentication: { status: 502, type: 'server_error' },
  permission_denied: { status: 502, type: 'server_error' },
  rate_limit: { status: 429, type: 'rate_limit_error' },
  budget_exceeded: { status: 429, type: 'insufficient_quota' },
  conflict: { status: 409, type: 'server_error' },
  timeout: { status: 504, type: 'timeout_error' },
  provider_unavailable: { status: 502, type: 'server_error' },
  invalid_response: { status: 502, type: 'server_error' },
  abort: { status: 499, type: 'invalid_request_error' },
  configuration: { status: 500, type: 'server_error' },
  unknown: { status: 500, type: 'server_error' },
};

/** Any error as an OpenAI error body. Messages are scrubbed of key-shaped text on the way out. */
export function errorReply(error: unknown): ErrorReply {
  if (error instanceof GatewayError) {
    return reply(error.status, error.type, error.code, error.message, error.param, error.headers);
  }
  if (StratumError.is(error)) {
    const mapped = BY_CODE[error.code] ?? BY_CODE.unknown;
    const status =
      error.code === 'provider_unavailable' && error.vendorCode === 'circuit_open'
        ? 503
        : mapped.status;
    const headers: Record<string, string> = {};
    if (error.retryAfterMs !== undefined) {
      headers['retry-after'] = String(Math.max(1, Math.ceil(error.retryAfterMs / 1000)));
    }
    const code = error.code === 'invalid_request' ? 'invalid_value' : error.code;
    let message = error.message;
    if (error instanceof ModelNotFoundError && error.suggestions.length > 0) {
      const listed = error.suggestions.filter((id) => !message.includes(id));
      if (listed.length > 0) message = `${message} Close ids: ${listed.join(', ')}.`;
    }
    return reply(status, mapped.type, code, message, undefined, headers);
  }
  // A bug, not a caller's mistake: its text may hold anything, so it stays in the server log.
  return reply(500, 'server_error', 'internal_error', 'The gateway failed to handle the request.');
}

function reply(
  status: number,
  type: OpenAIErrorType,
  code: string,
  message: string,
  param?: string,
  headers: Record<string, string> = {},
): ErrorReply {
  return {
    status,
    headers,
    body: { error: { message: redactString(message), type, param: param ?? null, code } },
  };
}
