import {
  InvalidResponseError,
  mapHttpError,
  ProviderUnavailableError,
  StratumError,
  TimeoutError,
} from '@stratum/core';
import { isRecord } from '@stratum/core/provider-kit';
import { CohereError, CohereTimeoutError } from 'cohere-ai';

/** The message of Cohere's error body, `{ "id": "…", "message": "…" }` (https://docs.cohere.com/reference/errors). */
function messageOf(body: unknown, fallback: string): string {
  if (isRecord(body) && typeof body['message'] === 'string') return body['message'];
  if (typeof body === 'string' && body.trim() !== '') return body;
  return fallback;
}

/**
 * Turns what the SDK throws into a Stratum error. HTTP errors go through `mapHttpError` by
 * status (429 → RateLimitError, 498 invalid token → AuthenticationError, 5xx retryable); a
 * timeout or a broken connection is retryable. Aborts are left to core, which tells them apart.
 */
export function mapCohereError(error: unknown, model: string): unknown {
  const where = { provider: 'cohere', model, cause: error };
  if (StratumError.is(error)) return error;
  if (error instanceof CohereTimeoutError) {
    return new TimeoutError(
      'The Cohere SDK timed out waiting for an answer. Raise timeoutMs in createCohere() or retry.',
      where,
    );
  }
  if (error instanceof CohereError) {
    const status = error.statusCode === 498 ? 401 : error.statusCode;
    if (status === undefined) {
      return new ProviderUnavailableError(
        `Could not get an answer from Cohere: ${error.message} Check the network and the baseURL.`,
        where,
      );
    }
    return mapHttpError({
      provider: 'cohere',
      model,
      status,
      message: messageOf(error.body, error.message),
      headers: error.rawResponse?.headers,
      cause: error,
    });
  }
  if (error instanceof SyntaxError) {
    return new InvalidResponseError(
      `Cohere sent a stream event that is not valid JSON (${error.message}). Retry the call.`,
      { ...where, retryable: true },
    );
  }
  if (error instanceof TypeError) {
    return new ProviderUnavailableError(
      `The connection to Cohere broke before the answer was complete (${error.message}). Retry the call.`,
      where,
    );
  }
  return error;
}
