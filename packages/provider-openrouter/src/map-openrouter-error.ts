import { ContentFilterError, mapHttpError, redactSecrets, type StratumError } from '@stratum/core';
import { isRecord } from '@stratum/core/provider-kit';
import { mapOpenAIError, type OpenAIErrorContext } from '@stratum/provider-openai/internal';

type ErrorObject = Record<string, unknown>;

/**
 * OpenRouter's error object is `{"code": <HTTP status>, "message", "metadata"?}`, as an HTTP
 * error body or — once the answer has started — inside a 200 stream or body. The shared
 * OpenAI mapping already reads a numeric `code` as the status; this adds what `metadata`
 * says: the upstream provider that failed (and its raw message), and moderation flags, which
 * make a 403 a content-filter error.
 * https://openrouter.ai/docs/api-reference/errors
 */
export function mapOpenRouterError(error: unknown, context: OpenAIErrorContext): StratumError {
  const mapped = mapOpenAIError(error, context);
  const body = record(
    typeof error === 'object' && error !== null ? Reflect.get(error, 'error') : undefined,
  );
  if (!body) return mapped;
  return describe(body, mapped.status, mapped.vendorCode, context, error) ?? mapped;
}

/**
 * OpenRouter may answer 200 with an error object instead of a completion, when the upstream
 * failed after the request was accepted; this throws it as the error its `code` stands for.
 */
export function throwOpenRouterBodyError(
  completion: ErrorObject,
  context: OpenAIErrorContext,
): void {
  const body = record(completion['error']);
  if (!body) return;
  const code = body['code'];
  const status = typeof code === 'number' && code >= 400 && code < 600 ? code : 500;
  const vendorCode = typeof code === 'string' ? code : undefined;
  throw (
    describe(body, status, vendorCode, context, body) ??
    mapHttpError({
      provider: context.provider,
      model: context.model,
      status,
      message: redactSecrets(String(body['message'] ?? 'no message'), [context.apiKey]),
      vendorCode,
      cause: body,
    })
  );
}

function describe(
  body: ErrorObject,
  status: number | undefined,
  vendorCode: string | undefined,
  context: OpenAIErrorContext,
  cause: unknown,
): StratumError | undefined {
  const metadata = record(body['metadata']);
  if (!metadata) return undefined;
  const message = redactSecrets(String(body['message'] ?? 'no message'), [context.apiKey]).replace(
    /\.$/,
    '',
  );
  const options = { provider: context.provider, model: context.model, status, vendorCode, cause };
  const reasons = metadata['reasons'];
  if (Array.isArray(reasons)) {
    return new ContentFilterError(
      `${context.provider} (${context.model}) said: ${message}. OpenRouter's moderation flagged the input (${reasons.join(', ')}); rephrase it or pick a model without moderation.`,
      options,
    );
  }
  const upstream =
    typeof metadata['provider_name'] === 'string' ? metadata['provider_name'] : undefined;
  const raw =
    typeof metadata['raw'] === 'string'
      ? redactSecrets(metadata['raw'], [context.apiKey])
      : undefined;
  if (!upstream && !raw) return undefined;
  const detail = [upstream && `upstream provider ${upstream}`, raw && `raw: ${raw.slice(0, 300)}`]
    .filter(Boolean)
    .join('; ');
  return mapHttpError({ ...options, message: `${message} (${detail})` });
}

function record(value: unknown): ErrorObject | undefined {
  return isRecord(value) ? { ...value } : undefined;
}
