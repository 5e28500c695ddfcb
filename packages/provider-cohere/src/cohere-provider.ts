import { FusedStream, type Provider, scrubErrorSecrets } from '@stratum/core';
import { loadApiKey } from '@stratum/core/provider-kit';
import { CohereClientV2 } from 'cohere-ai';
import { createCohereStreamStage } from './cohere-stream.js';
import { convertCohereMessage } from './convert-cohere-response.js';
import { mapCohereError } from './map-cohere-error.js';
import { mapCohereFinishReason } from './map-cohere-finish-reason.js';
import { mapCohereUsage } from './map-cohere-usage.js';
import { prepareCohereRequest } from './prepare-cohere-request.js';

export interface CohereProviderSettings {
  /** Defaults to `COHERE_API_KEY` (or the SDK's `CO_API_KEY`), read at the first call. */
  apiKey?: string;
  /** The API origin; the SDK appends `/v2/chat`. Defaults to `https://api.cohere.com`. */
  baseURL?: string;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** Per-HTTP-request timeout of the SDK, in ms (the SDK's default is 300 s). */
  timeoutMs?: number;
}

/**
 * Cohere on the official `cohere-ai` SDK, chat API v2. The SDK's retries are off: retries
 * belong to Stratum's retry middleware.
 */
export function createCohere(settings: CohereProviderSettings = {}): Provider {
  let client: CohereClientV2 | undefined;
  let apiKeyInUse: string | undefined;
  const toError = (error: unknown, model: string): unknown =>
    scrubErrorSecrets(mapCohereError(error, model), [apiKeyInUse]);

  const clientFor = (): CohereClientV2 => {
    if (client) return client;
    // `CO_API_KEY` is the variable the SDK itself reads.
    apiKeyInUse = loadApiKey({
      provider: 'cohere',
      apiKey: settings.apiKey,
      environmentVariable: ['COHERE_API_KEY', 'CO_API_KEY'],
    });
    client = new CohereClientV2({
      token: apiKeyInUse,
      baseUrl: settings.baseURL,
      headers: settings.headers,
      maxRetries: 0,
      ...(settings.timeoutMs !== undefined ? { timeoutInSeconds: settings.timeoutMs / 1000 } : {}),
    });
    return client;
  };
  const requestOptions = (signal: AbortSignal | undefined) => ({
    maxRetries: 0,
    ...(signal ? { abortSignal: signal } : {}),
  });

  return {
    name: 'cohere',

    async chat(request) {
      const prepared = prepareCohereRequest(request);
      try {
        const response = await clientFor().chat(prepared.body, requestOptions(request.signal));
        return {
          id: response.id,
          model: request.model,
          content: convertCohereMessage(response.message),
          finishReason: mapCohereFinishReason(response.finishReason),
          rawFinishReason: response.finishReason,
          usage: mapCohereUsage(response.usage),
          warnings: prepared.warnings,
          raw: request.includeRaw ? response : undefined,
        };
      } catch (error) {
        throw toError(error, request.model);
      }
    },

    stream(request) {
      const prepared = prepareCohereRequest(request);
      const stage = createCohereStreamStage({
        model: request.model,
        includeRaw: request.includeRaw,
      });
      return FusedStream.from(
        async () => {
          const events = await clientFor().chatStream(
            prepared.body,
            requestOptions(request.signal),
          );
          return events;
        },
        {
          ...stage,
          end(emit) {
            if (prepared.warnings.length > 0)
              emit({ type: 'warnings', warnings: prepared.warnings });
            stage.end?.(emit);
          },
          error: (error) => toError(error, request.model),
        },
      );
    },
  };
}

/** The default provider: reads `COHERE_API_KEY` at its first call. */
export const cohere: Provider = createCohere();
