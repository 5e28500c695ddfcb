import {
  type CallContext,
  type ChatResponse,
  ConfigurationError,
  ContextLengthExceededError,
  FusedStream,
  type Middleware,
  ModelNotFoundError,
  ProviderUnavailableError,
  RateLimitError,
  type StratumError,
  type StreamEvent,
  TimeoutError,
} from '@stratum/core';
import {
  estimateRequestTokens,
  type TokenEstimator,
} from '../rate-limit/estimate-request-tokens.js';
import { planChain } from './fallback-chain.js';
import type { FallbackAttempt, FallbackInfo, FallbackSkip } from './fallback-info.js';

/** A Stratum error class, such as `RateLimitError`; subclasses match too. */
export type ErrorClass = abstract new (...args: never[]) => StratumError;

/** The classes `fallback` moves on for by default: the vendor or model cannot serve the call now. */
export const DEFAULT_FALLBACK_ON: readonly ErrorClass[] = [
  RateLimitError,
  ProviderUnavailableError,
  TimeoutError,
  ContextLengthExceededError,
  ModelNotFoundError,
];

export interface FallbackOptions {
  /** Model ids tried in order after the request's own model, across vendors. */
  models: string[];
  /**
   * Error classes that move the call to the next model (default `DEFAULT_FALLBACK_ON`). Caller
   * errors (`InvalidRequestError`, `AuthenticationError`, `ContentFilterError`) never do unless
   * listed here.
   */
  on?: readonly ErrorClass[];
  /**
   * Skip models whose catalog context window cannot hold the prompt plus `maxOutputTokens`
   * (default true). A cheap upper bound decides most calls; the tokenizer runs only near a limit.
   */
  contextWindow?: boolean;
  /** How prompt tokens are counted near a window's limit (default: `estimateRequestTokens`). */
  estimateTokens?: TokenEstimator;
  /** Money guard: skip fallbacks whose input or output price per million tokens is above this. */
  maxPricePerMillionTokens?: number;
  /** Money guard: skip fallbacks whose input or output price is above the primary model's. */
  noPricierThanPrimary?: boolean;
  /** Called for every attempt as it ends, and for every model skipped: for logs and traces. */
  onAttempt?: (attempt: FallbackAttemptEvent) => void;
}

export type FallbackAttemptEvent =
  | ({ type: 'attempt'; requestId: string } & FallbackAttempt)
  | ({ type: 'skip'; requestId: string } & FallbackSkip);

export const FALLBACK_STATE_KEY = 'stratum.fallback';

/** The fallback record of this call (attempts and skips so far), also when every model failed. */
export function readFallbackState(context: CallContext): FallbackInfo | undefined {
  const value = context.state.get(FALLBACK_STATE_KEY);
  return isFallbackInfo(value) ? value : undefined;
}

function isFallbackInfo(value: unknown): value is FallbackInfo {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray(Reflect.get(value, 'attempts')) &&
    Array.isArray(Reflect.get(value, 'skipped'))
  );
}

/**
 * Sends the same request to the next model of a chain when a call fails with one of the `on`
 * error classes: another vendor when one is down, rate-limited or its window is too small. The
 * unified request carries tools, images, JSON output and reasoning settings over; what a model
 * cannot honour comes back as warnings from its provider.
 *
 * Put it outside `retry`: each model gets its retries, and only then does the call move on.
 * Streams fall back only until their first event reached the caller; after that the caller gets
 * the typed error, never text from two models. Every response carries `fallback`: the model
 * that answered, each attempt and each skipped model.
 */
export function fallback(options: FallbackOptions): Middleware {
  if (!Array.isArray(options?.models) || options.models.some((id) => typeof id !== 'string')) {
    throw new ConfigurationError(
      "fallback: models must be a list of model ids, e.g. fallback({ models: ['anthropic/claude-haiku-4-5', 'openai/gpt-4.1-mini'] }).",
    );
  }
  const limit = options.maxPricePerMillionTokens;
  if (limit !== undefined && !(limit >= 0 && Number.isFinite(limit))) {
    throw new ConfigurationError(
      `fallback: maxPricePerMillionTokens must be a finite number of US dollars, 0 or more (got ${limit}).`,
    );
  }
  const on = options.on ?? DEFAULT_FALLBACK_ON;
  const settings = {
    models: options.models,
    contextWindow: options.contextWindow ?? true,
    estimateTokens: options.estimateTokens ?? estimateRequestTokens,
    guard: {
      maxPricePerMillionTokens: options.maxPricePerMillionTokens,
      noPricierThanPrimary: options.noPricierThanPrimary ?? false,
    },
    onAttempt: options.onAttempt,
  };
  const movesOn = (error: unknown, context: CallContext): boolean =>
    !context.request.signal?.aborted && on.some((errorClass) => error instanceof errorClass);

  return {
    name: 'fallback',

    async chat(context, next): Promise<ChatResponse> {
      const chain = planChain(context, settings);
      context.state.set(FALLBACK_STATE_KEY, chain.info);
      for (;;) {
        const attempt = await chain.next();
        const startedAt = performance.now();
        try {
          const response = await next(attempt);
          return { ...response, fallback: chain.succeeded(attempt, performance.now() - startedAt) };
        } catch (error) {
          chain.failed(attempt, error, performance.now() - startedAt);
          if (!movesOn(error, context) || !chain.hasMore()) throw error;
        }
      }
    },

    stream(context, next): AsyncIterable<StreamEvent> {
      const chain = planChain(context, settings);
      context.state.set(FALLBACK_STATE_KEY, chain.info);
      let attempt: CallContext | undefined;
      let startedAt = 0;
      // The next model is tried only while nothing has reached the reader.
      return FusedStream.retrying(
        async () => {
          attempt = undefined;
          const current = await chain.next();
          attempt = current;
          startedAt = performance.now();
          return FusedStream.from(next(current), {
            item(event, emit) {
              if (event.type !== 'finish') return emit(event);
              const info = chain.succeeded(current, performance.now() - startedAt);
              emit({ type: 'finish', response: { ...event.response, fallback: info } });
            },
          });
        },
        (error, delivered) => {
          if (!attempt) return false;
          chain.failed(attempt, error, performance.now() - startedAt);
          return !delivered && movesOn(error, context) && chain.hasMore();
        },
      );
    },
  };
}
