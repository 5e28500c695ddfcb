import {
  FusedStream,
  type ModelInfo,
  type Provider,
  type ProviderChatResult,
  type ProviderRequest,
  scrubErrorSecrets,
} from '@stratum/core';
import { lazyOpenAIClient } from './create-openai-client.js';
import type { OpenAICompatibleSettings } from './openai-compatible-settings.js';
import { convertResponsesOutput, mapResponsesUsage } from './responses-convert-output.js';
import { failedResponseError, mapResponsesError } from './responses-map-error.js';
import { prepareResponsesRequest } from './responses-prepare-request.js';
import { createResponsesStreamStage } from './responses-stream.js';

export interface OpenAIResponsesSettings {
  /** How the SDK client is made: key, base URL, headers, fetch, timeout. */
  client: OpenAICompatibleSettings;
  isReasoningModel(model: string, modelInfo: ModelInfo | undefined): boolean;
}

/**
 * OpenAI's Responses API (`POST /responses`) on the official `openai` SDK's
 * `responses.create`: https://platform.openai.com/docs/api-reference/responses
 */
export function createOpenAIResponses(settings: OpenAIResponsesSettings): Provider {
  const name = settings.client.name;
  const getClient = lazyOpenAIClient(settings.client);
  const contextOf = (request: ProviderRequest, apiKey: string | undefined) => ({
    provider: name,
    model: request.model,
    signal: request.signal,
    apiKey,
  });

  return {
    name,

    async chat(request): Promise<ProviderChatResult> {
      const { client, apiKey } = getClient();
      const context = contextOf(request, apiKey);
      const reasoningModel = settings.isReasoningModel(request.model, request.modelInfo);
      const prepared = prepareResponsesRequest(request, { provider: name, reasoningModel });
      let response: Awaited<ReturnType<typeof client.responses.create>>;
      try {
        response = await client.responses.create(
          { ...prepared.body, stream: false },
          { signal: request.signal },
        );
      } catch (error) {
        throw scrubErrorSecrets(mapResponsesError(error, context), [apiKey]);
      }
      if (response.status === 'failed') throw failedResponseError(response.error, context);
      const converted = convertResponsesOutput(response, name);
      return {
        id: response.id,
        model: response.model,
        ...converted,
        usage: mapResponsesUsage(response.usage),
        warnings: prepared.warnings,
        raw: request.includeRaw ? response : undefined,
      };
    },

    stream(request) {
      const { client, apiKey } = getClient();
      const context = contextOf(request, apiKey);
      const reasoningModel = settings.isReasoningModel(request.model, request.modelInfo);
      const prepared = prepareResponsesRequest(request, { provider: name, reasoningModel });
      const stage = createResponsesStreamStage({
        ...context,
        warnings: prepared.warnings,
        includeRaw: request.includeRaw,
      });
      return FusedStream.from(
        () =>
          client.responses.create({ ...prepared.body, stream: true }, { signal: request.signal }),
        {
          ...stage,
          error: (error) => scrubErrorSecrets(mapResponsesError(error, context), [apiKey]),
        },
      );
    },
  };
}
