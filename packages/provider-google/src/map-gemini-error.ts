import { ApiError } from '@google/genai';
import {
  AuthenticationError,
  InvalidResponseError,
  isNetworkFailure,
  mapHttpError,
  ProviderUnavailableError,
  RateLimitError,
  redactSecrets,
  StratumError,
  TimeoutError,
  unexpectedError,
} from '@stratum/core';
import { isRecord } from '@stratum/core/provider-kit';

/**
 * Errors from `@google/genai` → Stratum errors. The SDK throws `ApiError` with the HTTP
 * status and the response body as its message; the body is Google's `google.rpc.Status`
 * (`{"error":{"code","message","status","details"}}`, https://ai.google.dev/gemini-api/docs/troubleshooting).
 * In-stream errors arrive as `got status: UNAVAILABLE. {"error":…}`.
 *
 * - 429 / `RESOURCE_EXHAUSTED` → RateLimitError, `retryAfterMs` from the `RetryInfo` detail.
 * - 400 with reason `API_KEY_INVALID`, 401, and 403 "unregistered callers" (no key) →
 *   AuthenticationError: Gemini reports key problems with those statuses.
 * - 504 / `DEADLINE_EXCEEDED` → TimeoutError.
 * - Everything else through core's `mapHttpError`.
 * - Unreadable bodies or stream chunks → InvalidResponseError; network failures →
 *   ProviderUnavailableError; any other error (a bug) is a non-retryable StratumError that says
 *   so. An abort passes through untouched for core to classify.
 */
export interface GeminiErrorContext {
  provider: string;
  model: string;
  /** Removed from every message, in case a proxy echoes the key back. */
  secret: string | undefined;
}

interface RpcStatus {
  message: string | undefined;
  status: string | undefined;
  details: Array<Record<string, unknown>>;
}

/** Reads the `google.rpc.Status` out of an SDK error message. */
function readRpcStatus(message: string): RpcStatus {
  const start = message.indexOf('{');
  let body: unknown;
  if (start >= 0) {
    try {
      body = JSON.parse(message.slice(start));
    } catch {
      body = undefined;
    }
  }
  const error = isRecord(body) && isRecord(body['error']) ? body['error'] : undefined;
  const details = Array.isArray(error?.['details']) ? error['details'].filter(isRecord) : [];
  return {
    message: typeof error?.['message'] === 'string' ? error['message'] : undefined,
    status: typeof error?.['status'] === 'string' ? error['status'] : undefined,
    details,
  };
}

function detailOf(status: RpcStatus, type: string): Record<string, unknown> | undefined {
  return status.details.find(
    (detail) => detail['@type'] === `type.googleapis.com/google.rpc.${type}`,
  );
}

/** `RetryInfo.retryDelay` is a protobuf Duration in JSON: `"34.4s"`. */
export function parseRetryDelay(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}

export function mapGeminiError(error: unknown, context: GeminiErrorContext): unknown {
  if (StratumError.is(error)) return error;
  if (error instanceof Error && error.name === 'AbortError') return error;
  const redact = (text: string) => redactSecrets(text, [context.secret]);
  const base = { provider: context.provider, model: context.model, cause: error };
  const where = `${context.provider} (${context.model})`;

  if (error instanceof ApiError) {
    const rpc = readRpcStatus(error.message);
    const httpStatus = error.status;
    const said = redact(rpc.message ?? error.message);
    const reason = detailOf(rpc, 'ErrorInfo')?.['reason'];
    const options = { ...base, status: httpStatus, vendorCode: rpc.status };

    if (httpStatus === 429 || rpc.status === 'RESOURCE_EXHAUSTED') {
      const retryAfterMs = parseRetryDelay(detailOf(rpc, 'RetryInfo')?.['retryDelay']);
      return new RateLimitError(
        `${where} said: ${said}. Slow down${retryAfterMs === undefined ? '' : ` (retry after ${retryAfterMs} ms)`}, or raise the quota of the Google Cloud project.`,
        { ...options, retryAfterMs },
      );
    }
    if (
      reason === 'API_KEY_INVALID' ||
      httpStatus === 401 ||
      (httpStatus === 403 && /unregistered callers/i.test(said))
    ) {
      return new AuthenticationError(
        `${where} said: ${said}. Check the API key given to createGoogle({ apiKey }) or in GOOGLE_API_KEY / GEMINI_API_KEY.`,
        { ...options, vendorCode: typeof reason === 'string' ? reason : rpc.status },
      );
    }
    if (httpStatus === 504 || rpc.status === 'DEADLINE_EXCEEDED') {
      return new TimeoutError(
        `${where} said: ${said}. Gemini gave up on the request before it finished; retry, or ask for less output.`,
        options,
      );
    }
    return mapHttpError({
      provider: context.provider,
      model: context.model,
      status: httpStatus,
      message: said,
      vendorCode: rpc.status,
      cause: error,
    });
  }

  const message = redact(error instanceof Error ? error.message : String(error));
  if (
    error instanceof SyntaxError ||
    /exception parsing stream chunk|Incomplete JSON segment/i.test(message)
  ) {
    return new InvalidResponseError(
      `${where} sent a response that is not valid JSON (${message.slice(0, 200)}). Retry the call.`,
      base,
    );
  }
  if (!isNetworkFailure(error)) {
    return unexpectedError(error, { provider: context.provider, model: context.model });
  }
  const cause =
    error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return new ProviderUnavailableError(
    `The connection to ${where} failed (${message}${redact(cause)}). Check the network and baseURL, then retry.`,
    base,
  );
}
