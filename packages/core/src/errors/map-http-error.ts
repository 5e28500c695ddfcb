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
  /content[_ ]filter|content[_ ](management )?policy|safety system|responsibleaipolicyviolation/i;

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
  const vendorMessage = details.message.trim().replace(/\.$/, '') || 'no error message';
  const said = `${where} said: ${vendorMessage}`;
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
  if (status === 402) {
    return new StratumError(
      `${said}. The account is out of credit or its billing is not set up; add credit in the vendor's console.`,
      { ...options, retryable: false },
    );
  }
  return new StratumError(
    `${said}. The vendor answered HTTP ${status}; check the request and the vendor's status page.`,
    { ...options, retryable: false },
  );
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

/** An HTTP-date always names a month or weekday (RFC 9110 §5.6.7); other text is not a date. */
const HTTP_DATE = /[a-z]{3}/i;
const DECIMAL = /^\s*-?\d+(\.\d+)?\s*$/;

/**
 * How long to wait before retrying, in milliseconds: `retry-after-ms` (OpenAI, Azure) first,
 * then `retry-after` as seconds or an HTTP-date (RFC 9110 §10.2.3). `undefined` when the
 * headers say nothing usable; a date in the past means 0. Vendor-specific reset headers are
 * read by their providers.
 */
export function parseRetryAfter(
  headers: HttpErrorDetails['headers'],
  now: number = Date.now(),
): number | undefined {
  const normalized = normalizeHeaders(headers);
  const milliseconds = normalized['retry-after-ms'];
  if (milliseconds !== undefined && DECIMAL.test(milliseconds)) {
    const value = Number(milliseconds);
    if (value >= 0) return Math.round(value);
  }
  const retryAfter = normalized['retry-after'];
  if (retryAfter === undefined) return undefined;
  if (DECIMAL.test(retryAfter)) {
    const seconds = Number(retryAfter);
    return seconds >= 0 ? Math.round(seconds * 1000) : undefined;
  }
  if (!HTTP_DATE.test(retryAfter)) return undefined;
  const date = Date.parse(retryAfter);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
