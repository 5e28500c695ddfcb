import { InvalidRequestError, type Provider } from '@stratum/core';
import { createOpenAICompatible } from '@stratum/provider-openai';
import type { OpenAIChatRequestBody } from '@stratum/provider-openai/internal';
import { listOllamaModels, type OllamaLocalModel } from './list-ollama-models.js';
import { mapOllamaError } from './map-ollama-error.js';
import { localOllamaModelInfo } from './ollama-model-info.js';
import {
  normalizeOllamaHost,
  OLLAMA_DEFAULT_HOST,
  OLLAMA_HOST_VARIABLE,
  type OllamaProviderSettings,
} from './ollama-settings.js';

export interface OllamaProvider extends Provider {
  /** The models pulled into the local Ollama (`GET /api/tags`). */
  listLocalModels(options?: { signal?: AbortSignal }): Promise<OllamaLocalModel[]>;
  /** The address in use (resolved at the first call: the host setting, OLLAMA_HOST, or the default). */
  host(): string;
}

/**
 * A local Ollama through its OpenAI-compatible `/v1` API and `createOpenAICompatible`; the
 * model list comes from the native `/api/tags`. No key is needed, and every model, in the
 * catalog or not, costs a real $0.
 * https://github.com/ollama/ollama/blob/main/docs/openai.md
 */
export function createOllama(settings: OllamaProviderSettings = {}): OllamaProvider {
  const name = settings.name ?? 'ollama';
  let host: string | undefined;
  let inner: Provider | undefined;
  const resolveHost = (): string => {
    host ??= normalizeOllamaHost(
      settings.host ?? (globalThis.process?.env[OLLAMA_HOST_VARIABLE] || OLLAMA_DEFAULT_HOST),
    );
    return host;
  };
  const provider = (): Provider => {
    inner ??= createOpenAICompatible({
      name,
      baseURL: `${resolveHost()}/v1`,
      apiKey: settings.apiKey,
      apiKeyRequired: false,
      headers: settings.headers,
      fetch: settings.fetch,
      timeoutMs: settings.timeoutMs,
      providerOptionsKey: 'ollama',
      maxTokensParameter: 'max_tokens',
      transformRequestBody: (body) => rejectImageUrls(body, name),
      mapError: (error, context) =>
        mapOllamaError(error, {
          provider: name,
          model: context.model,
          signal: context.request.signal,
          apiKey: settings.apiKey,
          host: resolveHost(),
        }),
    });
    return inner;
  };

  return {
    name,
    resolveModelInfo: (model) => localOllamaModelInfo(name, model),
    chat: (request) => provider().chat(request),
    stream: (request) => provider().stream(request),
    host: resolveHost,
    listLocalModels: (options = {}) =>
      listOllamaModels({
        host: resolveHost(),
        provider: name,
        fetch: settings.fetch ?? globalThis.fetch,
        headers: {
          ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}),
          ...settings.headers,
        },
        signal: options.signal,
      }),
  };
}

/**
 * Ollama's `/v1` takes images as base64 data only; a URL would fail inside Ollama with an
 * unhelpful message, so it is refused here with the fix.
 */
function rejectImageUrls(body: OpenAIChatRequestBody, provider: string): OpenAIChatRequestBody {
  for (const message of body.messages) {
    if (message.role !== 'user' || typeof message.content === 'string') continue;
    for (const part of message.content) {
      if (part.type === 'image_url' && !part.image_url.url.startsWith('data:')) {
        throw new InvalidRequestError(
          `Ollama takes images as base64 data, not by URL (${part.image_url.url.slice(0, 100)}). Download the image and pass { type: 'base64', data, mediaType }.`,
          { provider, model: body.model },
        );
      }
    }
  }
  return body;
}

/** Ollama at OLLAMA_HOST or http://localhost:11434. */
export const ollama: OllamaProvider = createOllama();
