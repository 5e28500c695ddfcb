import {
  ConfigurationError,
  FusedStream,
  type Provider,
  type ProviderChatResult,
  type ProviderRequest,
  type StratumError,
  scrubErrorSecrets,
} from '@stratum/core';
import type { Stream } from 'openai/streaming';
import { lazyOpenAIClient } from './create-openai-client.js';
import { mapOpenAIChatCompletion } from './map-openai-chat-completion.js';
import { mapOpenAIError } from './map-openai-error.js';
import type { OpenAICompatibleChunk, OpenAICompatibleCompletion } from './openai-chat-api-types.js';
import { createOpenAIStreamStage } from './openai-chat-stream.js';
import type {
  OpenAICompatibleCallContext,
  OpenAICompatibleSettings,
} from './openai-compatible-settings.js';
import { prepareOpenAIRequestBody } from './prepare-openai-request-body.js';

/**
 * A provider for any API that speaks OpenAI's Chat Completions, through the official `openai`
 * SDK. Vendor differences go through the hooks in `OpenAICompatibleSettings`; `createOpenAI`
 * is this with OpenAI's own settings.
 *
 * Requests go through the SDK's documented `client.post(path, ...)` rather than
 * `chat.completions.create`: the path may depend on the model (Azure deployments) and the
 * answers are read with lenient types, since compatible vendors omit and add fields. Auth,
 * headers, SSE decoding, error classes and aborts are the SDK's, exactly as with `create`.
 */
export function createOpenAICompatible(settings: OpenAICompatibleSettings): Provider {
  if (!settings.name) {
    throw new ConfigurationError(
      'createOpenAICompatible needs a name, e.g. { name: "my-endpoint", baseURL: "https://..." }; it is the prefix of model ids.',
    );
  }
  if (!settings.baseURL) {
    throw new ConfigurationError(
      `createOpenAICompatible({ name: "${settings.name}" }) needs a baseURL, e.g. "https://api.example.com/v1".`,
      { provider: settings.name },
    );
  }
  const name = settings.name;
  const getClient = lazyOpenAIClient(settings);
  const pathFor = (model: string): string => {
    const path = settings.chatCompletionsPath;
    return typeof path === 'function' ? path(model) : (path ?? '/chat/completions');
  };
  const contextFor = (request: ProviderRequest, stream: boolean): OpenAICompatibleCallContext => ({
    provider: name,
    model: request.model,
    request,
    stream,
    warnings: [],
  });
  const toError = (
    error: unknown,
    context: OpenAICompatibleCallContext,
    apiKey: string | undefined,
  ): StratumError =>
    // The SDK error kept as `cause` holds the vendor's raw message, which may echo the key.
    scrubErrorSecrets(
      settings.mapError?.(error, { ...context, apiKey, signal: context.request.signal }) ??
        mapOpenAIError(error, {
          provider: name,
          model: context.model,
          signal: context.request.signal,
          apiKey,
        }),
      [apiKey],
    );

  return {
    name,
    resolveModelInfo: settings.resolveModelInfo,

    async chat(request): Promise<ProviderChatResult> {
      const context = contextFor(request, false);
      const { client, apiKey } = getClient();
      const body = prepareOpenAIRequestBody(request, context, settings);
      try {
        const completion = await client.post<OpenAICompatibleCompletion>(pathFor(request.model), {
          body,
          signal: request.signal,
        });
        return mapOpenAIChatCompletion(completion, context, settings);
      } catch (error) {
        throw toError(error, context, apiKey);
      }
    },

    stream(request) {
      const context = contextFor(request, true);
      const { client, apiKey } = getClient();
      const body = prepareOpenAIRequestBody(request, context, settings);
      const stage = createOpenAIStreamStage(context, settings);
      return FusedStream.from(
        () =>
          client.post<Stream<OpenAICompatibleChunk>>(pathFor(request.model), {
            body,
            stream: true,
            signal: request.signal,
          }),
        { ...stage, error: (error) => toError(error, context, apiKey) },
      );
    },
  };
}
