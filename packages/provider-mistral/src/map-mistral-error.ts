import { mapHttpError, redactSecrets, type StratumError } from '@stratum/core';
import { isRecord } from '@stratum/core/provider-kit';

interface MistralErrorContext {
  provider: string;
  model: string;
  apiKey: string | undefined;
}

/**
 * Mistral's error body is `{"object": "error", "message", "type", "param", "code"}`; for a
 * request its schema rejects (422), `message` is `{"detail": [{"loc", "msg", ...}]}`, which is
 * turned into one readable line (`body.seed: Extra inputs are not permitted`). Other
 * failures are left to the shared mapping.
 * https://docs.mistral.ai/api/
 */
export function mapMistralError(
  error: unknown,
  context: MistralErrorContext,
): StratumError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status: unknown = Reflect.get(error, 'status');
  const body: unknown = Reflect.get(error, 'error');
  if (typeof status !== 'number' || !isRecord(body) || body['object'] !== 'error') return undefined;
  const code = typeof body['code'] === 'string' ? body['code'] : undefined;
  const type = typeof body['type'] === 'string' ? body['type'] : undefined;
  const headers: unknown = Reflect.get(error, 'headers');
  return mapHttpError({
    provider: context.provider,
    model: context.model,
    status,
    message: redactSecrets(messageOf(body['message']), [context.apiKey]),
    vendorCode: type ?? code,
    headers: headers instanceof Headers ? headers : undefined,
    cause: error,
  });
}

function messageOf(message: unknown): string {
  if (typeof message === 'string') return message;
  const detail = isRecord(message) ? message['detail'] : undefined;
  if (!Array.isArray(detail)) return JSON.stringify(message);
  return detail
    .map((entry) => {
      if (!isRecord(entry)) return String(entry);
      const where = Array.isArray(entry['loc']) ? entry['loc'].join('.') : '';
      return `${where}: ${String(entry['msg'] ?? entry['type'] ?? 'invalid')}`;
    })
    .join('; ');
}
