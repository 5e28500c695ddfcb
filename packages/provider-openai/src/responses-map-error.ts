import { mapHttpError, RateLimitError, redactSecrets, type StratumError } from '@stratum/core';
import { mapOpenAIError, type OpenAIErrorContext } from './map-openai-error.js';

/**
 * The status an error code of a failed response stands for
 * (https://platform.openai.com/docs/api-reference/responses/object#responses/object-error).
 */
function statusOfCode(code: string): number {
  if (/rate_limit|insufficient_quota/.test(code)) return 429;
  if (/invalid_prompt|invalid_image|invalid_base64|unsupported|too_large|empty_image/.test(code))
    return 400;
  if (/context_length/.test(code)) return 400;
  if (/vector_store|not_found/.test(code)) return 404;
  return 500;
}

/**
 * `insufficient_quota` comes as a 429 but is a billing state, not a rate: waiting does not
 * help, so it is a non-retryable RateLimitError that says to add credit
 * (https://platform.openai.com/docs/guides/error-codes#api-errors).
 */
function quotaError(
  error: StratumError,
  vendorMessage: string,
  context: OpenAIErrorContext,
): StratumError {
  return new RateLimitError(
    `${context.provider} (${context.model}) said: ${vendorMessage.trim().replace(/\.$/, '')}. The account has no quota left: add credit or raise the plan's limits in the OpenAI console; retrying will not help.`,
    {
      provider: context.provider,
      model: context.model,
      status: 429,
      retryable: false,
      vendorCode: 'insufficient_quota',
      headers: error.headers,
      cause: error.cause,
    },
  );
}

function vendorMessageOf(error: StratumError): string {
  const cause: unknown = error.cause;
  if (typeof cause === 'object' && cause !== null && 'error' in cause) {
    const body: unknown = cause.error;
    if (
      typeof body === 'object' &&
      body !== null &&
      'message' in body &&
      typeof body.message === 'string'
    ) {
      return body.message;
    }
  }
  return error.message;
}

/** Maps what the SDK throws on a Responses call, as for Chat Completions, plus quota errors. */
export function mapResponsesError(error: unknown, context: OpenAIErrorContext): StratumError {
  const mapped = mapOpenAIError(error, context);
  if (mapped.vendorCode !== 'insufficient_quota') return mapped;
  return quotaError(mapped, redactSecrets(vendorMessageOf(mapped), [context.apiKey]), context);
}

/** The error of a response whose `status` is `failed` (in a body or a `response.failed` event). */
export function failedResponseError(
  failure: { code: string; message: string } | null | undefined,
  context: OpenAIErrorContext,
): StratumError {
  const code = failure?.code ?? 'server_error';
  const message = redactSecrets(failure?.message ?? 'The response failed without an error.', [
    context.apiKey,
  ]);
  const mapped = mapHttpError({
    provider: context.provider,
    model: context.model,
    status: statusOfCode(code),
    message,
    vendorCode: code,
  });
  return code === 'insufficient_quota' ? quotaError(mapped, message, context) : mapped;
}
