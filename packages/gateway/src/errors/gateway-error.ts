/** OpenAI's error `type` values, which clients branch on. */
export type OpenAIErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'insufficient_quota'
  | 'server_error'
  | 'timeout_error';

export interface GatewayErrorOptions {
  status: number;
  type: OpenAIErrorType;
  code: string;
  /** The request field at fault, as OpenAI's `param`. */
  param?: string;
  headers?: Record<string, string>;
}

/**
 * A failure the gateway itself found in the HTTP request (a bad body, a missing key, a body
 * over the limit), before anything is sent to a vendor. Never retryable by the caller as is.
 */
export class GatewayError extends Error {
  readonly status: number;
  readonly type: OpenAIErrorType;
  readonly code: string;
  readonly param: string | undefined;
  readonly headers: Record<string, string>;

  constructor(message: string, options: GatewayErrorOptions) {
    super(message);
    this.name = 'GatewayError';
    this.status = options.status;
    this.type = options.type;
    this.code = options.code;
    this.param = options.param;
    this.headers = options.headers ?? {};
  }
}

export function invalidField(param: string, message: string): GatewayError {
  return new GatewayError(message, {
    status: 400,
    type: 'invalid_request_error',
    code: 'invalid_value',
    param,
  });
}
