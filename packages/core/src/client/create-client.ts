import { ConfigurationError, InvalidResponseError } from '../errors/error-classes.js';
import { resolveModel } from '../models/resolve-model.js';
import type { Provider, ProviderRequest } from '../types/provider.js';
import type { ChatRequest } from '../types/request.js';
import type { ChatResponse, Warning } from '../types/response.js';
import type { StreamEvent } from '../types/stream.js';
import { buildResponse, ContentAccumulator } from './build-response.js';
import { createCallSignal } from './call-signal.js';
import { ChatStream } from './chat-stream.js';
import {
  type CallContext,
  composeChat,
  composeStream,
  type Middleware,
  type ResolvedModel,
} from './middleware.js';

export interface ClientOptions {
  /** The providers this client may call, as a list or keyed by name. */
  providers: Provider[] | Record<string, Provider>;
  /** Outermost first. */
  middleware?: Middleware[];
  /** Your own names for models: `{ fast: 'openai/gpt-4.1-mini' }`. */
  aliases?: Record<string, string>;
}

export interface Client {
  chat(request: ChatRequest): Promise<ChatResponse>;
  stream(request: ChatRequest): ChatStream;
  /** Resolves a model id the way `chat` does, without calling anything. */
  resolveModel(id: string): ResolvedModel;
  readonly providers: ReadonlyMap<string, Provider>;
}

export function createClient(options: ClientOptions): Client {
  const providers = new Map<string, Provider>();
  const list = Array.isArray(options.providers)
    ? options.providers
    : Object.values(options.providers);
  for (const provider of list) providers.set(provider.name, provider);
  if (providers.size === 0) {
    throw new ConfigurationError(
      'createClient needs at least one provider, e.g. createClient({ providers: [openai] }) with openai from @stratum/provider-openai.',
    );
  }
  const aliases = options.aliases ?? {};
  const resolve = (id: string): ResolvedModel => resolveModel(id, { providers, aliases });
  const middleware = options.middleware ?? [];
  const chat = composeChat(middleware, (context) => callChat(providers, context));
  const stream = composeStream(middleware, (context) => callStream(providers, context));

  const contextFor = (request: ChatRequest): CallContext => ({
    requestId: crypto.randomUUID(),
    request,
    model: resolve(request.model),
    state: new Map(),
    resolveModel: resolve,
    attempt: 1,
  });

  return {
    providers,
    resolveModel: resolve,
    chat: async (request) => chat(contextFor(request)),
    stream: (request) => new ChatStream(() => stream(contextFor(request))),
  };
}

function providerFor(providers: ReadonlyMap<string, Provider>, model: ResolvedModel): Provider {
  const provider = providers.get(model.provider);
  if (provider) return provider;
  throw new ConfigurationError(
    `No provider named "${model.provider}" is registered for ${model.id}. Install @stratum/provider-${model.provider} and pass it to createClient({ providers: [...] }); registered: ${[...providers.keys()].join(', ')}.`,
    { provider: model.provider, model: model.name },
  );
}

function toProviderRequest(context: CallContext, signal: AbortSignal | undefined): ProviderRequest {
  return { ...context.request, model: context.model.name, modelInfo: context.model.info, signal };
}

async function callChat(
  providers: ReadonlyMap<string, Provider>,
  context: CallContext,
): Promise<ChatResponse> {
  const provider = providerFor(providers, context.model);
  const { request, model } = context;
  const callSignal = createCallSignal(model, request.signal, request.timeoutMs);
  const started = performance.now();
  try {
    const result = await provider.chat(toProviderRequest(context, callSignal.signal));
    return buildResponse(result, model, performance.now() - started, request.includeRaw);
  } catch (error) {
    throw callSignal.toError(error);
  } finally {
    callSignal.dispose();
  }
}

async function* callStream(
  providers: ReadonlyMap<string, Provider>,
  context: CallContext,
): AsyncGenerator<StreamEvent> {
  const provider = providerFor(providers, context.model);
  const { request, model } = context;
  const callSignal = createCallSignal(model, request.signal, request.timeoutMs);
  const started = performance.now();
  const accumulator = new ContentAccumulator();
  const warnings: Warning[] = [];
  let id = '';
  let reportedModel = '';
  try {
    for await (const part of provider.stream(toProviderRequest(context, callSignal.signal))) {
      switch (part.type) {
        case 'response-metadata':
          if (part.id) id = part.id;
          if (part.model) reportedModel = part.model;
          break;
        case 'text-delta':
          accumulator.addText(part.text);
          yield part;
          break;
        case 'reasoning-delta':
          accumulator.addReasoning(part.text, part.signature, part.redactedData);
          if (part.text) yield { type: 'reasoning-delta', text: part.text };
          break;
        case 'tool-call-delta':
          yield part;
          break;
        case 'tool-call':
          accumulator.addToolCall(part.toolCall);
          yield part;
          break;
        case 'warnings':
          warnings.push(...part.warnings);
          break;
        case 'finish': {
          const result = {
            id,
            model: reportedModel,
            content: accumulator.content,
            finishReason: part.finishReason,
            rawFinishReason: part.rawFinishReason,
            usage: part.usage,
            warnings,
            raw: part.raw,
            providerCost: part.providerCost,
          };
          const response = buildResponse(
            result,
            model,
            performance.now() - started,
            request.includeRaw,
          );
          yield { type: 'finish', response };
          return;
        }
      }
    }
    throw new InvalidResponseError(
      `The ${model.provider} stream for ${model.id} ended before its final event; the connection was probably cut. Retry the call.`,
      { provider: model.provider, model: model.name },
    );
  } catch (error) {
    throw callSignal.toError(error);
  } finally {
    callSignal.dispose();
  }
}
