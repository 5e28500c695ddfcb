import type {
  Message,
  ModelInfo,
  ProviderReportedCost,
  ProviderRequest,
  ReasoningOptions,
  StratumError,
  Usage,
  Warning,
} from '@stratum/core';
import type {
  OpenAIChatRequestBody,
  OpenAICompatibleChunk,
  OpenAICompatibleCompletion,
  OpenAICompatibleMessage,
  OpenAICompatibleUsage,
} from './openai-chat-api-types.js';

/** What every hook learns about the call it runs for. */
export interface OpenAICompatibleCallContext {
  /** The provider's name (`deepseek`). */
  readonly provider: string;
  /** The vendor model name the caller asked for (before `transformRequestBody`). */
  readonly model: string;
  readonly request: ProviderRequest;
  readonly stream: boolean;
  /** Push to it to tell the caller about a setting the vendor cannot honour. */
  readonly warnings: Warning[];
}

/**
 * What `mapError` learns: the call, its signal, and the key in use so the hook can scrub it from
 * messages without reading the environment again. It fits `mapOpenAIError`'s context as is.
 */
export interface OpenAICompatibleErrorContext extends OpenAICompatibleCallContext {
  /** The key the call was made with (never log it); `undefined` for keyless endpoints. */
  readonly apiKey: string | undefined;
  /** `request.signal`: whether the caller aborted decides how a failure reads. */
  readonly signal: AbortSignal | undefined;
}

/** One Chat Completions message of a request body. */
export type OpenAIChatMessage = OpenAIChatRequestBody['messages'][number];

/**
 * Adapts one converted message to the vendor. It receives the Stratum message it was converted
 * from, with that message's place in the conversation, so no hook pairs the two by position.
 */
export type OpenAICompatibleMessageConverter = (
  converted: OpenAIChatMessage,
  source: {
    readonly message: Message;
    readonly index: number;
    readonly messages: readonly Message[];
  },
) => OpenAIChatMessage;

/** Sees each chunk of one stream; state that lives for the stream belongs in its closure. */
export type OpenAICompatibleChunkHandler = (chunk: OpenAICompatibleChunk) => void;

/**
 * The points where OpenAI-compatible vendors differ. Each is optional; leaving one out keeps
 * OpenAI's behaviour.
 */
export interface OpenAICompatibleHooks {
  /**
   * Tells reasoning models apart. For a model it returns `true` for, `temperature` and `topP`
   * become warnings (reasoning models reject them); for `false`, `reasoning` does. Leave it out
   * when the vendor takes both on every model.
   */
  isReasoningModel?: (model: string, modelInfo: ModelInfo | undefined) => boolean;
  /**
   * Turns `request.reasoning` into the vendor's body fields (DeepSeek `thinking`, OpenRouter
   * `reasoning: { effort, max_tokens }`, xAI's two effort levels), replacing the default
   * `reasoning_effort` mapping and its warnings; the fields returned are merged into the body
   * (values the OpenAI types do not know, like Qwen's `reasoning_effort: 'default'`, are fine).
   * Push a warning for what the vendor cannot take. Not called when `isReasoningModel` returns `false` (then `reasoning` is a warning).
   */
  prepareReasoning?: (
    reasoning: ReasoningOptions,
    context: OpenAICompatibleCallContext,
  ) => Record<string, unknown>;
  /**
   * The last word on the request body: add vendor fields, rename the model (Azure deployments),
   * drop or rename fields the vendor rejects (and push a warning). Runs after
   * `providerOptions` are merged in.
   */
  transformRequestBody?: (
    body: OpenAIChatRequestBody,
    context: OpenAICompatibleCallContext,
  ) => OpenAIChatRequestBody;
  /** Maps the vendor's `usage` object (default: `mapOpenAIUsage`). */
  mapUsage?: (usage: OpenAICompatibleUsage, context: OpenAICompatibleCallContext) => Usage;
  /**
   * A cost the vendor reports itself (OpenRouter's `usage.cost`), in US dollars. Warnings it
   * pushes (a cost far from the catalog's estimate) reach the caller in chat and stream alike.
   */
  readProviderCost?: (
    usage: OpenAICompatibleUsage,
    context: OpenAICompatibleCallContext,
  ) => ProviderReportedCost | undefined;
  /**
   * Reads reasoning text from a response message or a stream delta. Default: the
   * `reasoning_content` field (DeepSeek, xAI), else `reasoning` (Groq, OpenRouter, Ollama).
   */
  readReasoning?: (
    message: OpenAICompatibleMessage,
    context: OpenAICompatibleCallContext,
  ) => string | undefined;
  /**
   * Sees each stream chunk before it is read. Throw a StratumError for errors a vendor reports
   * inside a 200 stream in its own shape (`{"error": ...}` chunks are already errors).
   */
  onChunk?: (chunk: OpenAICompatibleChunk, context: OpenAICompatibleCallContext) => void;
  /**
   * Called once per request for the function that adapts each converted message (Mistral's
   * tool-call ids and `thinking` parts, DeepSeek's `reasoning_content`). A factory, so state
   * shared by the messages of one request (an id map) lives in its closure. Runs before
   * `transformRequestBody`.
   */
  createMessageConverter?: (
    context: OpenAICompatibleCallContext,
  ) => OpenAICompatibleMessageConverter;
  /**
   * Called once per stream for a chunk handler that runs after `onChunk`. A factory, so state
   * that lives for one stream (a running tool-call index) is never keyed on the call.
   */
  createChunkHandler?: (context: OpenAICompatibleCallContext) => OpenAICompatibleChunkHandler;
  /** Sees a non-streamed body before it is read; throw for errors inside a 200 body. */
  onResponse?: (body: OpenAICompatibleCompletion, context: OpenAICompatibleCallContext) => void;
  /**
   * Maps a failure (an SDK `APIError`, a network error) before the default mapping; return
   * `undefined` to fall back to it.
   */
  mapError?: (error: unknown, context: OpenAICompatibleErrorContext) => StratumError | undefined;
  /** Catalog data for models the catalog lacks (Ollama's local models, Azure deployments). */
  resolveModelInfo?: (model: string) => ModelInfo | undefined;
}

export interface OpenAICompatibleSettings extends OpenAICompatibleHooks {
  /** The provider's name: the `name/` prefix of model ids and the default `providerOptions` key. */
  name: string;
  /** The API root that `/chat/completions` is appended to, e.g. `https://api.deepseek.com/v1`. */
  baseURL: string;
  /** The API key. When absent it is read from `apiKeyEnvironmentVariable` at the first call. */
  apiKey?: string;
  /** The environment variable holding the key, e.g. `DEEPSEEK_API_KEY`. */
  apiKeyEnvironmentVariable?: string;
  /** `false` for endpoints without authentication (a local Ollama): no key is needed or sent. */
  apiKeyRequired?: boolean;
  /** The headers that carry the key. Default `Authorization: Bearer <key>`; Azure: `api-key`. */
  authHeaders?: (apiKey: string) => Record<string, string>;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Query parameters sent with every request (Azure's `api-version`). */
  queryParameters?: Record<string, string>;
  /** A fetch implementation (proxies, tests). */
  fetch?: typeof globalThis.fetch;
  /** Abort each HTTP request after this long; the request's own `timeoutMs` applies as well. */
  timeoutMs?: number;
  /** The body field for `maxOutputTokens`: `max_tokens` (default) or `max_completion_tokens`. */
  maxTokensParameter?: 'max_tokens' | 'max_completion_tokens';
  /** The `request.providerOptions` key merged into the body; default `name`. */
  providerOptionsKey?: string;
  /**
   * The chat endpoint relative to `baseURL`; default `/chat/completions`. A function of the
   * model serves per-deployment URLs.
   */
  chatCompletionsPath?: string | ((model: string) => string);
}
