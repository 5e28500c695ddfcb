import type { ModelInfo } from '../types/model-info.js';
import type { ChatRequest } from '../types/request.js';
import type { ChatResponse } from '../types/response.js';
import type { StreamEvent } from '../types/stream.js';

/** A model id resolved to its provider and the vendor's own model name. */
export interface ResolvedModel {
  /** Canonical `provider/model`. */
  id: string;
  provider: string;
  /** The id sent to the vendor. */
  name: string;
  /** Catalog entry, when the model is known. */
  info: ModelInfo | undefined;
}

/**
 * What middleware sees for one call. A middleware may pass a changed copy to `next` (a router
 * swaps `model`, a fallback retries with another one); `state` carries data between middleware.
 */
export interface CallContext {
  readonly requestId: string;
  request: ChatRequest;
  model: ResolvedModel;
  readonly state: Map<string | symbol, unknown>;
  /** Resolves another model id the same way the client does (for routing and fallbacks). */
  readonly resolveModel: (id: string) => ResolvedModel;
  /** The attempt number, for middleware that repeats calls (starts at 1). */
  attempt: number;
}

export type ChatNext = (context: CallContext) => Promise<ChatResponse>;
export type StreamNext = (context: CallContext) => AsyncIterable<StreamEvent>;

/**
 * One mechanism for every cross-cutting feature: retry, cache, logging, tracking and routing
 * are all middleware. The first middleware in the client's list is the outermost.
 * A middleware that leaves out `chat` or `stream` passes that kind of call through unchanged.
 */
export interface Middleware {
  readonly name: string;
  /**
   * Claims a model id the client would not resolve itself, such as a router's route names
   * (`auto`): returns the stand-in resolution the call starts with, or `undefined` to leave the id
   * to the client. A middleware that claims an id replaces `context.model` before calling `next`.
   */
  claimModel?(id: string): ResolvedModel | undefined;
  chat?(context: CallContext, next: ChatNext): Promise<ChatResponse>;
  stream?(context: CallContext, next: StreamNext): AsyncIterable<StreamEvent>;
}

export function composeChat(middleware: readonly Middleware[], terminal: ChatNext): ChatNext {
  let next = terminal;
  for (let index = middleware.length - 1; index >= 0; index -= 1) {
    const layer = middleware[index];
    if (!layer?.chat) continue;
    const inner = next;
    const chat = layer.chat.bind(layer);
    next = (context) => chat(context, inner);
  }
  return next;
}

export function composeStream(middleware: readonly Middleware[], terminal: StreamNext): StreamNext {
  let next = terminal;
  for (let index = middleware.length - 1; index >= 0; index -= 1) {
    const layer = middleware[index];
    if (!layer?.stream) continue;
    const inner = next;
    const stream = layer.stream.bind(layer);
    next = (context) => stream(context, inner);
  }
  return next;
}
