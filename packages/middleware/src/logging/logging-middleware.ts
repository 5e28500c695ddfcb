import {
  type CallContext,
  type ChatResponse,
  FusedStream,
  type Middleware,
  type StreamEvent,
} from '@stratum/core';
import { buildLogEvent, type CallOutcome } from './build-log-event.js';
import { createJsonLinesLogger, type Logger } from './json-lines-logger.js';
import { redactValues } from './redact-secrets.js';

export interface LoggingOptions {
  /** Where events go (default: JSON lines on stderr). Any pino-style logger fits. */
  logger?: Logger;
  /** Add the prompt and the completion to each event (default false). Secrets are still redacted. */
  includeBodies?: boolean;
}

/**
 * Writes one structured event per call — at `info` when it succeeds, at `error` when it fails —
 * with the request id, model, attempts, latency, tokens, cost and cache outcome. API keys never
 * reach the log: every event goes through `redactSensitiveValues`. Put it first in the middleware list
 * so it sees the call as the caller does, retries and cache hits included.
 */
export function logging(options: LoggingOptions = {}): Middleware {
  const logger = options.logger ?? createJsonLinesLogger();
  const includeBodies = options.includeBodies ?? false;

  function write(
    context: CallContext,
    operation: 'chat' | 'stream',
    outcome: CallOutcome,
    started: number,
    response?: ChatResponse,
    error?: unknown,
  ): void {
    // The event's field names are this package's own and name no secret (a test holds them to
    // that), so only its values need scrubbing; nested values get the full treatment.
    const event = redactValues(
      buildLogEvent({
        context,
        operation,
        outcome,
        latencyMs: performance.now() - started,
        response,
        error,
        includeBodies,
      }),
    );
    const message = `stratum ${operation} ${context.model.id} ${outcome}`;
    try {
      if (outcome === 'error') logger.error(event, message);
      else logger.info(event, message);
    } catch {
      // A broken logger must not break the call it describes.
    }
  }

  return {
    name: 'logging',

    async chat(context, next): Promise<ChatResponse> {
      const started = performance.now();
      try {
        const response = await next(context);
        write(context, 'chat', 'ok', started, response);
        return response;
      } catch (error) {
        write(context, 'chat', 'error', started, undefined, error);
        throw error;
      }
    },

    stream(context, next): AsyncIterable<StreamEvent> {
      const started = performance.now();
      let logged = false;
      return FusedStream.from(next(context), {
        item(event, emit) {
          if (event.type === 'finish') {
            logged = true;
            write(context, 'stream', 'ok', started, event.response);
          }
          emit(event);
        },
        error(error) {
          logged = true;
          write(context, 'stream', 'error', started, undefined, error);
          return error;
        },
        close() {
          // The caller stopped reading before the end.
          if (!logged) write(context, 'stream', 'cancelled', started);
        },
      });
    },
  };
}
