import { AuthenticationError, mapHttpError, redactSecrets, type StratumError } from '@stratum/core';

interface XaiErrorContext {
  provider: string;
  model: string;
  apiKey: string | undefined;
}

const WRONG_KEY = /incorrect api key|no api key provided|invalid api key/i;

/**
 * xAI answers errors with `{"code": <gRPC status text>, "error": <message>}` instead of
 * OpenAI's `{"error": {"message", ...}}`, so the SDK's error carries the bare message string;
 * this reads it. xAI answers a wrong API key with a 400, which is an authentication failure.
 * Returns `undefined` for everything else (network failures, aborts), which the shared
 * mapping handles.
 * https://docs.x.ai/docs/key-information/debugging#status-codes
 */
export function mapXaiError(error: unknown, context: XaiErrorContext): StratumError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status: unknown = Reflect.get(error, 'status');
  const body: unknown = Reflect.get(error, 'error');
  if (typeof status !== 'number' || typeof body !== 'string') return undefined;
  const headers: unknown = Reflect.get(error, 'headers');
  const message = redactSecrets(body, [context.apiKey]);
  if (status === 400 && WRONG_KEY.test(message)) {
    return new AuthenticationError(
      `${context.provider} (${context.model}) said: ${message.replace(/\.$/, '')}. xAI answers a wrong key with HTTP 400; check XAI_API_KEY or the apiKey setting.`,
      { provider: context.provider, model: context.model, status, cause: error },
    );
  }
  return mapHttpError({
    provider: context.provider,
    model: context.model,
    status,
    message,
    headers: headers instanceof Headers ? headers : undefined,
    cause: error,
  });
}
