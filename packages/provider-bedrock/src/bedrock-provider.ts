import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { FusedStream, type Provider, scrubErrorSecrets } from '@stratum/core';
import { billedInClientRegion, resolveBedrockModelInfo } from './bedrock-model-id.js';
import { createBedrockStreamStage } from './bedrock-stream.js';
import { convertBedrockContent } from './convert-bedrock-response.js';
import {
  type BedrockCredentialSettings,
  bedrockClientCredentials,
  knownSecrets,
} from './load-bedrock-credentials.js';
import { mapBedrockError } from './map-bedrock-error.js';
import { mapBedrockFinishReason } from './map-bedrock-finish-reason.js';
import { mapBedrockUsage } from './map-bedrock-usage.js';
import { prepareBedrockRequest } from './prepare-bedrock-request.js';

export interface BedrockProviderSettings extends BedrockCredentialSettings {
  /** Another endpoint than `https://bedrock-runtime.<region>.amazonaws.com` (VPC endpoints, tests). */
  endpoint?: string;
  /** Put a cache point after the system prompt of every request. */
  cacheSystemPrompt?: boolean;
  /** Put a cache point after the tool definitions of every request. */
  cacheTools?: boolean;
}

/**
 * Amazon Bedrock on the official `@aws-sdk/client-bedrock-runtime`, through the Converse and
 * ConverseStream APIs, which take one message format for every model family. The SDK's retries
 * are off (`maxAttempts: 1`): retries belong to Stratum's retry middleware.
 */
export function createBedrock(settings: BedrockProviderSettings = {}): Provider {
  let client: BedrockRuntimeClient | undefined;
  let region: string | undefined;
  const clientFor = (): BedrockRuntimeClient => {
    if (client) return client;
    const resolved = bedrockClientCredentials(settings);
    region = resolved.region;
    client = new BedrockRuntimeClient({
      ...(resolved.region ? { region: resolved.region } : {}),
      ...(resolved.credentials ? { credentials: resolved.credentials } : {}),
      ...(resolved.profile ? { profile: resolved.profile } : {}),
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      // Converse and ConverseStream are plain HTTP/1.1 exchanges; the client's default HTTP/2
      // handler is only needed for bidirectional streams, which Stratum does not use.
      requestHandler: new NodeHttpHandler(),
      maxAttempts: 1,
    });
    return client;
  };
  // The client's region is fixed once it is built: resolve it once, not on every call.
  let clientRegion: Promise<string> | undefined;
  /** The region a call to `model` is billed in, when its catalog entry prices regions apart. */
  const pricingRegionOf = (
    bedrock: BedrockRuntimeClient,
    model: string,
  ): Promise<string | undefined> | undefined => {
    if (!billedInClientRegion(model)) return undefined;
    clientRegion ??= bedrock.config.region();
    return clientRegion;
  };
  const toError = (error: unknown, model: string): unknown => {
    const secrets = knownSecrets(settings);
    return scrubErrorSecrets(mapBedrockError(error, { model, region, secrets }), secrets);
  };

  return {
    name: 'bedrock',
    resolveModelInfo: resolveBedrockModelInfo,

    async chat(request) {
      const prepared = prepareBedrockRequest(request, settings);
      try {
        const bedrock = clientFor();
        const output = await bedrock.send(new ConverseCommand(prepared.input), {
          abortSignal: request.signal,
        });
        const pricingRegion = await pricingRegionOf(bedrock, request.model);
        return {
          ...(pricingRegion ? { pricingRegion } : {}),
          id: output.$metadata.requestId ?? '',
          model: request.model,
          content: convertBedrockContent(output.output?.message?.content ?? []),
          finishReason: mapBedrockFinishReason(output.stopReason),
          rawFinishReason: output.stopReason,
          usage: mapBedrockUsage(output.usage),
          warnings: prepared.warnings,
          raw: request.includeRaw ? output : undefined,
        };
      } catch (error) {
        throw toError(error, request.model);
      }
    },

    stream(request) {
      const prepared = prepareBedrockRequest(request, settings);
      let requestId: string | undefined;
      let pricingRegion: string | undefined;
      const stage = createBedrockStreamStage({
        model: request.model,
        warnings: prepared.warnings,
        includeRaw: request.includeRaw,
        requestId: () => requestId,
        pricingRegion: () => pricingRegion,
      });
      return FusedStream.from(
        async () => {
          const bedrock = clientFor();
          const output = await bedrock.send(new ConverseStreamCommand(prepared.input), {
            abortSignal: request.signal,
          });
          requestId = output.$metadata.requestId;
          pricingRegion = await pricingRegionOf(bedrock, request.model);
          if (!output.stream) {
            throw new Error('ConverseStream answered without an event stream.');
          }
          return output.stream;
        },
        { ...stage, error: (error) => toError(error, request.model) },
      );
    },
  };
}

/** The default provider: the AWS credential chain and region, read at the first call. */
export const bedrock: Provider = createBedrock();
