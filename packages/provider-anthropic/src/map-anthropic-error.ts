import {
  AnthropicError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from '@anthropic-ai/sdk';
import {
  ConfigurationError,
  InvalidResponseError,
  isNetworkFailure,
  mapHttpError,
  ProviderUnavailableError,
  StratumError,
  TimeoutError,
  unexpectedError,
} from '@stratum/core';

/**
 * The status each documented error type comes with (https://platform.claude.com/docs/en/api/errors).
 * An `error` event inside a stream arrives on a 200 response, so its type gives the status.
 */
const STATUS_OF_TYPE: Readonly<Record<string, number>> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  conflict_error: 409,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

/**
 * Turns what the SDK throws into a Stratum error: HTTP errors through `mapHttpError` with the
 * body's `error.type` as `vendorCode` (so 529 `overloaded_error` is a retryable
 * ProviderUnavailableError), network failures and timeouts into their classes. Aborts pass
 * through untouched: core tells the caller's abort from a timeout.
 */
export function mapAnthropicError(error: unknown, model: string): unknown {
  const where = { provider: 'anthropic', model, cause: error };
  if (StratumError.is(error) || error instanceof APIUserAbortError) return error;
  if (error instanceof APIConnectionTimeoutError) {
    return new TimeoutError(
      'The Anthropic SDK timed out waiting for an answer. Raise timeoutMs in createAnthropic() or retry.',
      where,
    );
  }
  if (error instanceof APIConnectionError) {
    return new ProviderUnavailableError(
      `Could not reach Anthropic: ${error.message} Check the network and the baseURL.`,
      where,
    );
  }
  if (error instanceof APIError) {
    const vendorCode = error.type ?? undefined;
    const inStream = error.status === undefined;
    return mapHttpError({
      provider: 'anthropic',
      model,
      status: error.status ?? (vendorCode ? STATUS_OF_TYPE[vendorCode] : undefined),
      message: `${error.apiMessage ?? error.message}${inStream ? ' (an error event in the middle of the stream)' : ''}`,
      vendorCode,
      headers: error.headers,
      cause: error,
    });
  }
  if (error instanceof SyntaxError) {
    return new InvalidResponseError(
      `Anthropic sent a stream event that is not valid JSON (${error.message}). Retry the call.`,
      { ...where, retryable: true },
    );
  }
  if (error instanceof AnthropicError) {
    return new ConfigurationError(`The Anthropic SDK refused the call: ${error.message}`, where);
  }
  if (isNetworkFailure(error)) {
    // undici's "terminated": the server closed the connection in the middle of the answer.
    return new ProviderUnavailableError(
      `The connection to Anthropic broke before the answer was complete (${error instanceof Error ? error.message : String(error)}). Retry the call.`,
      where,
    );
  }
  // An abort is classified by core, which knows whether the caller's signal or a timeout fired.
  if (error instanceof Error && error.name === 'AbortError') return error;
  return unexpectedError(error, { provider: 'anthropic', model });
}
