import { registryVersion } from '../catalog/model-registry.js';
import { ConfigurationError } from '../errors/error-classes.js';
import { resolveModel } from '../models/resolve-model.js';
import type { Provider, ProviderRequest, ProviderStreamEvent } from '../types/provider.js';
import type { ChatRequest } from '../types/request.js';
import type { ChatResponse } from '../types/response.js';
import type { StreamEvent } from '../types/stream.js';
import { FusedStream } from '../utils/fused-stream.js';
import { validateChatRequest } from '../validation/validate-chat-request.js';
import { validateClientOptions } from '../validation/validate-client-options.js';
import { assembleStream } from './assemble-stream.js';
import { buildResponse } from './build-response.js';
import { createCallSignal } from './call-signal.js';
import { ChatStream, type StreamObserver } from './chat-stream.js';
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
  validateClientOptions(options);
  const providers = new Map<string, Provider>();
  const list = Array.isArray(options.providers)
    ? options.providers
    : Object.values(options.providers);
  for (const provider of list) {
    if (typeof provider?.name !== 'string' || typeof provider.chat !== 'function') {
      throw new ConfigurationError(
        'createClient got a provider that is not a Provider (it needs a name, chat() and stream()). Pass instances such as createOpenAI({ apiKey }) or the default export of a @stratum/provider-* package.',
      );
    }
    if (providers.has(provider.name)) {
      throw new ConfigurationError(
        `createClient got two providers named "${provider.name}". Model ids pick a provider by name, so each name must be unique; give one of them another name in its settings.`,
      );
    }
    providers.set(provider.name, provider);
  }
  if (providers.size === 0) {
    throw new ConfigurationError(
      'createClient needs at least one provider, e.g. createClient({ providers: [openai] }) with openai from @stratum/provider-openai.',
    );
  }
  const aliases = options.aliases ?? {};
  const claimers = (options.middleware ?? []).filter((layer) => layer.claimModel !== undefined);
  // Resolution is pure for a given registry state, and runs on every call: cache it.
  const resolved = new Map<string, ResolvedModel>();
  let resolvedVersion = registryVersion();
  const resolve = (id: string): ResolvedModel => {
    const version = registryVersion();
    if (version !== resolvedVersion) {
      resolved.clear();
      resolvedVersion = version;
    }
    let model = resolved.get(id);
    if (!model) {
      for (const layer of claimers) {
        const claimed = layer.claimModel?.(id);
        // Claims are not cached: a router may add or drop routes at run time.
        if (claimed) return claimed;
      }
      model = resolveModel(id, { providers, aliases });
      if (resolved.size < MAX_CACHED_RESOLUTIONS) resolved.set(id, model);
    }
    return model;
  };
  const middleware = options.middleware ?? [];
  const chat = composeChat(middleware, (context) =>
    callChat(providers, context.request, context.model),
  );
  const stream = composeStream(middleware, (context) =>
    callStream(providers, context.request, context.model),
  );

  // Validation runs before resolution and middleware: a malformed request never reaches a
  // retry loop or the network.
  const contextFor = (request: ChatRequest): CallContext => {
    validateChatRequest(request);
    return createCallContext(request, resolve(request.model), resolve);
  };

  // Without middleware nobody reads a call context: the call goes straight to the provider.
  if (middleware.length === 0) {
    return {
      providers,
      resolveModel: resolve,
      chat: async (request) => {
        validateChatRequest(request);
        return callChat(providers, request, resolve(request.model));
      },
      stream: (request) =>
        new ChatStream((observer) => {
          validateChatRequest(request);
          // The assembly stage reports the outcome itself, one stage fewer per chunk.
          const events = callStream(providers, request, resolve(request.model), observer);
          return { events, observed: true };
        }),
    };
  }
  return {
    providers,
    resolveModel: resolve,
    chat: async (request) => chat(contextFor(request)),
    stream: (request) =>
      new ChatStream(() => ({ events: stream(contextFor(request)), observed: false })),
  };
}

/** Model ids differ by a handful per app; the bound only guards against ids built per request. */
const MAX_CACHED_RESOLUTIONS = 1_000;

/**
 * A plain object with data properties only: middleware copy contexts with `{ ...context }`, and
 * V8 copies (and creates) an object literal with accessors on a slow path, about 2 µs to build
 * and 12 µs to spread, against well under 1 µs for this.
 */
function createCallContext(
  request: ChatRequest,
  model: ResolvedModel,
  resolve: (id: string) => ResolvedModel,
): CallContext {
  return {
    requestId: crypto.randomUUID(),
    state: new Map(),
    request,
    model,
    resolveModel: resolve,
    attempt: 1,
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

function toProviderRequest(
  request: ChatRequest,
  model: ResolvedModel,
  signal: AbortSignal | undefined,
): ProviderRequest {
  return { ...request, model: model.name, modelInfo: model.info, signal };
}

async function callChat(
  providers: ReadonlyMap<string, Provider>,
  request: ChatRequest,
  model: ResolvedModel,
): Promise<ChatResponse> {
  const provider = providerFor(providers, model);
  const callSignal = createCallSignal(model, request.signal, request.timeoutMs);
  const started = performance.now();
  try {
    const result = await provider.chat(toProviderRequest(request, model, callSignal.signal));
    return buildResponse(result, model, performance.now() - started, request.includeRaw);
  } catch (error) {
    throw callSignal.toError(error);
  } finally {
    callSignal.dispose();
  }
}

function callStream(
  providers: ReadonlyMap<string, Provider>,
  request: ChatRequest,
  model: ResolvedModel,
  observer?: StreamObserver,
): AsyncIterable<StreamEvent> {
  const provider = providerFor(providers, model);
  const callSignal = createCallSignal(model, request.signal, request.timeoutMs);
  let events: AsyncIterable<ProviderStreamEvent>;
  try {
    events = provider.stream(toProviderRequest(request, model, callSignal.signal));
  } catch (error) {
    callSignal.dispose();
    throw callSignal.toError(error);
  }
  const stage = assembleStream(model, request, callSignal, performance.now(), observer);
  return FusedStream.isFused(events) ? events.pipe(stage) : FusedStream.from(events, stage);
}
