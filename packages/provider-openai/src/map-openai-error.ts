import {
  AbortError,
  abortErrorFor,
  InvalidResponseError,
  isNetworkFailure,
  mapHttpError,
  ProviderUnavailableError,
  redactSecrets,
  StratumError,
  TimeoutError,
  unexpectedError,
} from '@stratum/core';
import { isRecord } from '@stratum/core/provider-kit';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';

export interface OpenAIErrorContext {
  provider: string;
  model: string;
  signal?: AbortSignal | undefined;
  /** Scrubbed from every message, in case a vendor echoes it. */
  apiKey?: string | undefined;
}

/**
 * Maps what the `openai` SDK throws to Stratum errors: HTTP errors by status with the vendor's
 * `{"error":{"message","type","param","code"}}` body and headers (Retry-After), errors sent
 * inside a 200 stream by their type, network failures and aborts.
 * https://platform.openai.com/docs/guides/error-codes
 */
export function mapOpenAIError(error: unknown, context: OpenAIErrorContext): StratumError {
  if (StratumError.is(error)) return error;
  const { provider, model, signal } = context;
  if (signal?.aborted) return abortErrorFor(signal.reason ?? error, { provider, model });
  if (error instanceof APIUserAbortError) {
    return new AbortError(`The call to ${provider}/${model} was aborted.`, {
      provider,
      model,
      cause: error,
    });
  }
  if (error instanceof APIConnectionTimeoutError) {
    return new TimeoutError(
      `${provider} (${model}) did not answer within the provider's timeoutMs. Raise it, or retry.`,
      { provider, model, cause: error },
    );
  }
  if (error instanceof APIConnectionError) {
    return new ProviderUnavailableError(
      `Could not reach ${provider} (${model}): ${scrub(describe(error), context)}. Check the network and the baseURL.`,
      { provider, model, cause: error },
    );
  }
  if (error instanceof APIError) {
    const body = isRecord(error.error) ? error.error : {};
    const vendorMessage = typeof body['message'] === 'string' ? body['message'] : error.message;
    const code = body['code'];
    const type = body['type'];
    return mapHttpError({
      provider,
      model,
      status: error.status ?? statusFromBody(code, type),
      message: scrub(vendorMessage, context),
      vendorCode: typeof code === 'string' ? code : typeof type === 'string' ? type : undefined,
      headers: error.headers,
      cause: error,
    });
  }
  if (error instanceof SyntaxError) {
    return new InvalidResponseError(
      `${provider} (${model}) sent a response that is not valid JSON (${error.message}). It cannot be read; retry the call.`,
      { provider, model, cause: error },
    );
  }
  if (isNetworkFailure(error)) {
    // undici's `terminated` when a stream is cut: the SDK does not wrap it in APIConnectionError.
    return new ProviderUnavailableError(
      `The connection to ${provider} (${model}) failed: ${scrub(describe(error), context)}. Retry, or check the network and the baseURL.`,
      { provider, model, cause: error },
    );
  }
  return unexpectedError(error, { provider, model });
}

/**
 * The HTTP status an error inside a 200 stream stands for, from its numeric `code`
 * (OpenRouter, Cloudflare) or its `type`; unknown types count as a server failure.
 */
function statusFromBody(code: unknown, type: unknown): number {
  if (typeof code === 'number' && code >= 400 && code < 600) return code;
  const kind = `${typeof type === 'string' ? type : ''} ${typeof code === 'string' ? code : ''}`;
  if (/rate_limit|insufficient_quota|requests|tokens/.test(kind)) return 429;
  if (/authentication|invalid_api_key/.test(kind)) return 401;
  if (/permission|forbidden/.test(kind)) return 403;
  if (/not_found/.test(kind)) return 404;
  if (/invalid_request|context_length/.test(kind)) return 400;
  if (/overloaded|unavailable/.test(kind)) return 503;
  return 500;
}

/** The message with its cause's, which names the network failure (`other side closed`). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return cause && cause !== error.message ? `${error.message} (${cause})` : error.message;
}

function scrub(message: string, context: OpenAIErrorContext): string {
  return redactSecrets(message, [context.apiKey]);
}
