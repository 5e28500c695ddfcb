import Anthropic from '@anthropic-ai/sdk';
import { FusedStream, type Provider, scrubErrorSecrets } from '@stratum/core';
import { loadApiKey } from '@stratum/core/provider-kit';
import { createAnthropicStreamStage } from './anthropic-stream.js';
import { convertAnthropicResponse } from './convert-anthropic-response.js';
import { mapAnthropicError } from './map-anthropic-error.js';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';
import { mapAnthropicUsage } from './map-anthropic-usage.js';
import { prepareAnthropicRequest } from './prepare-anthropic-request.js';

/** How long the SDK waits for one HTTP answer unless `timeoutMs` says otherwise (the SDK's own default). */
export const DEFAULT_TIMEOUT_MS = 600_000;

export interface AnthropicProviderSettings {
  /** Defaults to the `ANTHROPIC_API_KEY` environment variable, read at the first call. */
  apiKey?: string;
  /** The API origin; the SDK appends `/v1/messages`. Defaults to the SDK's (or `ANTHROPIC_BASE_URL`). */
  baseURL?: string;
  /** Extra headers sent with every request (e.g. `anthropic-beta`). */
  headers?: Record<string, string>;
  /**
   * Per-HTTP-request timeout of the SDK, in ms (default 10 minutes). Setting it also keeps the
   * SDK from refusing non-streaming calls with a large `max_tokens`.
   */
  timeoutMs?: number;
  /** The `fetch` the SDK calls (a proxy, a pooled client such as the gateway's upstream fetch). */
  fetch?: typeof globalThis.fetch;
  /** Put a cache breakpoint after the system prompt of every request. */
  cacheSystemPrompt?: boolean;
  /** Put a cache breakpoint after the tool definitions of every request. */
  cacheTools?: boolean;
  /** `max_tokens` for models the catalog gives no limit for (default 4096). */
  defaultMaxOutputTokens?: number;
}

/**
 * An Anthropic provider on the official `@anthropic-ai/sdk` (Messages API). The SDK's retries
 * are off: retries belong to Stratum's retry middleware.
 */
export function createAnthropic(settings: AnthropicProviderSettings = {}): Provider {
  let client: Anthropic | undefined;
  let apiKeyInUse: string | undefined;
  // The SDK error kept as `cause` holds the vendor's raw message, which may echo the key.
  const toError = (error: unknown, model: string): unknown =>
    scrubErrorSecrets(mapAnthropicError(error, model), [apiKeyInUse]);

  const clientFor = (): Anthropic => {
    if (client) return client;
    const apiKey = loadApiKey({
      provider: 'anthropic',
      apiKey: settings.apiKey,
      environmentVariable: 'ANTHROPIC_API_KEY',
    });
    apiKeyInUse = apiKey;
    client = new Anthropic({
      apiKey,
      baseURL: settings.baseURL,
      defaultHeaders: settings.headers,
      fetch: settings.fetch,
      maxRetries: 0,
      timeout: settings.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
    return client;
  };

  return {
    name: 'anthropic',

    async chat(request) {
      const prepared = prepareAnthropicRequest(request, settings);
      try {
        const message = await clientFor().messages.create(
          { ...prepared.body, stream: false },
          { signal: request.signal },
        );
        const { content, answeredWithJsonTool } = convertAnthropicResponse(
          message,
          prepared.jsonTool,
        );
        return {
          id: message.id,
          model: message.model,
          content,
          finishReason: mapAnthropicFinishReason(message.stop_reason, answeredWithJsonTool),
          rawFinishReason: message.stop_reason ?? undefined,
          usage: mapAnthropicUsage(message.usage),
          warnings: prepared.warnings,
          raw: request.includeRaw ? message : undefined,
        };
      } catch (error) {
        throw toError(error, request.model);
      }
    },

    stream(request) {
      const prepared = prepareAnthropicRequest(request, settings);
      const stage = createAnthropicStreamStage({
        model: request.model,
        jsonTool: prepared.jsonTool,
        warnings: prepared.warnings,
        includeRaw: request.includeRaw,
      });
      return FusedStream.from(
        () =>
          clientFor().messages.create(
            { ...prepared.body, stream: true },
            { signal: request.signal },
          ),
        { ...stage, error: (error) => toError(error, request.model) },
      );
    },
  };
}

/** The default provider: reads `ANTHROPIC_API_KEY` at its first call. */
export const anthropic: Provider = createAnthropic();
