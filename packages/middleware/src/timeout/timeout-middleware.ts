import {
  type CallContext,
  type ChatResponse,
  ConfigurationError,
  FusedStream,
  type Middleware,
  type StreamEvent,
  TimeoutError,
} from '@stratum/core';
import { DEADLINE_STATE_KEY, readDeadline } from '../shared/call-state.js';

export interface TimeoutOptions {
  /**
   * Longest time one attempt may take (for a stream: until its last event). Raises a retryable
   * TimeoutError, so a retry middleware before this one tries again.
   */
  attemptMs?: number;
  /**
   * Longest time the whole call may take, counted from its first attempt, retries and their
   * waits included. Raises a TimeoutError that is not retryable: the time is spent.
   */
  totalMs?: number;
}

/**
 * Bounds each attempt and the whole call. The HTTP request is really aborted: the middleware
 * passes an AbortSignal down in `request.signal` (combined with the caller's), which core hands
 * to the provider's SDK, so the connection is closed rather than left to run in the background.
 * Put it after `retry` in the middleware list.
 */
export function timeout(options: TimeoutOptions): Middleware {
  const { attemptMs, totalMs } = options;
  for (const [name, value] of Object.entries({ attemptMs, totalMs })) {
    if (value !== undefined && !(value > 0 && Number.isFinite(value))) {
      throw new ConfigurationError(
        `timeout: ${name} must be a positive number of milliseconds (got ${value}).`,
      );
    }
  }
  if (attemptMs === undefined && totalMs === undefined) {
    throw new ConfigurationError(
      'timeout: set attemptMs, totalMs or both, e.g. timeout({ attemptMs: 30_000 }).',
    );
  }

  return {
    name: 'timeout',

    async chat(context, next): Promise<ChatResponse> {
      const limit = startAttempt(context, attemptMs, totalMs);
      try {
        // The call's time was already spent (by earlier attempts): do not start another request.
        if (limit.timedOut()) return await limit.expired;
        return await Promise.race([next(limit.context), limit.expired]);
      } catch (error) {
        throw limit.toError(error);
      } finally {
        limit.dispose();
      }
    },

    // One timer per stream: when it fires it aborts the request's signal, the SDK closes the
    // connection and the read fails, which `error` turns into the TimeoutError. No per-chunk race.
    stream(context, next): AsyncIterable<StreamEvent> {
      const limit = startAttempt(context, attemptMs, totalMs);
      return FusedStream.from(limit.timedOut() ? () => limit.expired : next(limit.context), {
        item: (event, emit) => emit(event),
        error: (error) => limit.toError(error),
        close: () => limit.dispose(),
      });
    },
  };
}

interface AttemptLimit {
  context: CallContext;
  /** Rejects with the TimeoutError when the time is up (never resolves). */
  expired: Promise<never>;
  timedOut(): boolean;
  toError(error: unknown): unknown;
  dispose(): void;
}

function startAttempt(
  context: CallContext,
  attemptMs: number | undefined,
  totalMs: number | undefined,
): AttemptLimit {
  const now = performance.now();
  let deadline = readDeadline(context);
  if (deadline === undefined && totalMs !== undefined) {
    deadline = now + totalMs;
    context.state.set(DEADLINE_STATE_KEY, deadline);
  }
  const totalLeft = deadline === undefined ? Number.POSITIVE_INFINITY : deadline - now;
  const attemptLimit = attemptMs ?? Number.POSITIVE_INFINITY;
  const isTotal = totalLeft <= attemptLimit;
  const model = context.model;
  // Built only when the clock runs out: an Error captures a stack, too dear for every call.
  const timeoutError = (): TimeoutError =>
    isTotal
      ? new TimeoutError(
          `${model.id} did not finish within the call's ${totalMs} ms (timeout totalMs), retries included. Raise totalMs, or lower maxOutputTokens.`,
          { provider: model.provider, model: model.name, retryable: false },
        )
      : new TimeoutError(
          `${model.id} did not answer within ${attemptMs} ms (timeout attemptMs); the request was aborted.`,
          { provider: model.provider, model: model.name, retryable: true },
        );
  let error: TimeoutError | undefined;

  const controller = new AbortController();
  const callerSignal = context.request.signal;
  const signal = callerSignal
    ? AbortSignal.any([callerSignal, controller.signal])
    : controller.signal;
  let fired = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    const fire = (): void => {
      fired = true;
      error = timeoutError();
      controller.abort(error);
      reject(error);
    };
    if (totalLeft <= 0) fire();
    else timer = setTimeout(fire, Math.min(totalLeft, attemptLimit));
  });
  // Nobody may be listening when the inner call wins the race.
  expired.catch(() => {});

  return {
    context: { ...context, request: { ...context.request, signal } },
    expired,
    timedOut: () => fired,
    // Core turns the abort into an AbortError; the caller should see the timeout that caused it.
    toError: (cause) => (error && !callerSignal?.aborted ? error : cause),
    dispose: () => {
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
