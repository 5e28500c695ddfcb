import {
  AuthenticationError,
  ConflictError,
  ContentFilterError,
  ContextLengthExceededError,
  InvalidRequestError,
  ModelNotFoundError,
  PermissionDeniedError,
  ProviderUnavailableError,
  RateLimitError,
  TimeoutError,
} from './error-classes.js';
import { StratumError } from './stratum-error.js';

export interface HttpErrorDetails {
  provider: string;
  model?: string;
  status: number | undefined;
  /** The vendor's message, already extracted from its error body. */
  message: string;
  /** The vendor's error type or code (`invalid_request_error`, `context_length_exceeded`). */
  vendorCode?: string;
  headers?: Headers | Record<string, string | undefined> | undefined;
  cause?: unknown;
}

const CONTEXT_LENGTH_PATTERN =
  /context[_ ]length|context window|maximum context|prompt is too long|too many tokens|input is too long|exceeds the maximum number of tokens/i;
const CONTENT_FILTER_PATTERN =
  /content[_ ]filter|content[_ ]policy|safety system|responsibleaipolicyviolation/i;

/**
 * Maps a vendor's HTTP error to the Stratum error class a caller can act on. Providers pass the
 * message and code they read from the vendor's documented error body.
 */
export function mapHttpError(details: HttpErrorDetails): StratumError {
  const headers = normalizeHeaders(details.headers);
  const retryAfterMs = parseRetryAfter(headers);
  const options = {
    provider: details.provider,
    model: details.model,
    status: details.status,
    retryAfterMs,
    vendorCode: details.vendorCode,
    headers,
    cause: details.cause,
  };
  const where = details.model ? `${details.provider} (${details.model})` : details.provider;
  const said = `${where} said: ${details.message}`;
  const hint = `${details.vendorCode ?? ''} ${details.message}`;
  const status = details.status;

  if (CONTENT_FILTER_PATTERN.test(hint)) {
    return new ContentFilterError(
      `${said}. The vendor's safety system blocked the request; rephrase the prompt.`,
      options,
    );
  }
  if (
    CONTEXT_LENGTH_PATTERN.test(hint) &&
    (status === 400 || status === 413 || status === undefined)
  ) {
    return new ContextLengthExceededError(
      `${said}. Shorten the messages or lower maxOutputTokens, or pick a model with a larger context window.`,
      options,
    );
  }
  switch (status) {
    case 400:
    case 413:
    case 422:
      return new InvalidRequestError(
        `${said}. Fix the request as the message says; retrying will not help.`,
        options,
      );
    case 401:
      return new AuthenticationError(
        `${said}. Check the API key given to the ${details.provider} provider (or its environment variable).`,
        options,
      );
    case 403:
      return new PermissionDeniedError(
        `${said}. The key is valid but not allowed to use this resource; check the key's project, region or model access.`,
        options,
      );
    case 404:
      return new ModelNotFoundError(
        `${said}. Check the model id and that your account can use it.`,
        options,
      );
    case 408:
      return new TimeoutError(
        `${said}. The vendor timed out the request; it is safe to retry.`,
        options,
      );
    case 409:
      return new ConflictError(
        `${said}. A conflicting request was in flight; it is safe to retry.`,
        options,
      );
    case 429:
      return new RateLimitError(
        `${said}. Slow down${retryAfterMs === undefined ? '' : ` (retry after ${retryAfterMs} ms)`}, or raise the rate limit of the account.`,
        options,
      );
  }
  if (status !== undefined && status >= 500) {
    return new ProviderUnavailableError(
      `${said}. The vendor is failing or overloaded; retry later or fall back to another model.`,
      options,
    );
  }
  if (status === undefined) {
    return new ProviderUnavailableError(
      `${said}. The request did not get an answer; check the network and the base URL.`,
      options,
    );
  }
  return new StratumError(`${said}.`, { ...options, retryable: false });
}

export function normalizeHeaders(headers: HttpErrorDetails['headers']): Record<string, string> {
  const result: Record<string, string> = {};
  if (!headers) return result;
  if (typeof Headers !== 'undefined' && headers instanceof Headers) {
    headers.forEach((value, key) => {
      result[key.toLowerCase()] = value;
    });
    return result;
  }
  for (const [key, value] of Object.entries(headers)) {
    if (typeof value === 'string') result[key.toLowerCase()] = value;
  }
  return result;
}

/**
 * Reads how long to wait from `retry-after-ms` (OpenAI), `retry-after` (seconds or an HTTP
 * date, RFC 9110 §10.2.3). Vendor-specific reset headers are read by their providers.
 */
export function parseRetryAfter(
  headers: Record<string, string>,
  now: number = Date.now(),
): number | undefined {
  const milliseconds = headers['retry-after-ms'];
  if (milliseconds !== undefined) {
    const value = Number(milliseconds);
    if (Number.isFinite(value) && value >= 0) return Math.round(value);
  }
  const retryAfter = headers['retry-after'];
  if (retryAfter === undefined) return undefined;
  const seconds = Number(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(retryAfter);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
