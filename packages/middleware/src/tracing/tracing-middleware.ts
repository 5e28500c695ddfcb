import {
  type CallContext,
  type ChatResponse,
  FusedStream,
  type Middleware,
  type StreamEvent,
} from '@stratum/core';
import { redactString } from '../logging/redact-secrets.js';
import {
  definedAttributes,
  errorAttributes,
  requestAttributes,
  responseAttributes,
  samplingAttributes,
  spanName,
} from './gen-ai-attributes.js';
import {
  loadOpenTelemetry,
  type OpenTelemetryApi,
  SPAN_KIND_CLIENT,
  SPAN_STATUS_ERROR,
  type SpanLike,
  type TracerLike,
} from './load-opentelemetry.js';

export interface TracingOptions {
  /** The tracer to use (default: `trace.getTracer('@stratum/middleware')` from the global provider). */
  tracer?: TracerLike;
  /** For tests: where `@opentelemetry/api` is imported from. */
  apiSpecifier?: string;
}

const TRACER_NAME = '@stratum/middleware';

interface Setup {
  api: OpenTelemetryApi | undefined;
  tracer: TracerLike | undefined;
}

/**
 * One OpenTelemetry span per call, named and attributed by the GenAI semantic conventions
 * (`chat {model}`, `gen_ai.*` attributes, `error.type`). The span is active while the call runs,
 * so HTTP spans of an instrumented fetch nest under it. Without `@opentelemetry/api` installed
 * (an optional peer dependency) calls pass through untouched.
 */
export function tracing(options: TracingOptions = {}): Middleware {
  let setup: Promise<Setup> | undefined;
  // Once loaded, calls read the setup directly instead of waiting a turn on the promise.
  let loaded: Setup | undefined;
  const ready = (): Setup | Promise<Setup> => {
    if (loaded) return loaded;
    setup ??= loadOpenTelemetry(options.apiSpecifier).then((api) => {
      loaded = { api, tracer: options.tracer ?? api?.trace.getTracer(TRACER_NAME) };
      return loaded;
    });
    return setup;
  };

  function start(tracer: TracerLike, api: OpenTelemetryApi | undefined, context: CallContext) {
    const parent = api?.context.active();
    const span = tracer.startSpan(
      spanName(context),
      { kind: SPAN_KIND_CLIENT, attributes: samplingAttributes(context) },
      parent,
    );
    // A span nobody records (no tracing SDK, or sampled out) need not become the active one.
    if (!span.isRecording()) return { span, within: <T>(run: () => T): T => run() };
    span.setAttributes(definedAttributes(requestAttributes(context)));
    const active = api && parent !== undefined ? api.trace.setSpan(parent, span) : undefined;
    const within = <T>(run: () => T): T =>
      api && active !== undefined ? api.context.with(active, run) : run();
    return { span, within };
  }

  return {
    name: 'tracing',

    async chat(context, next): Promise<ChatResponse> {
      const { api, tracer } = loaded ?? (await ready());
      if (!tracer) return next(context);
      const { span, within } = start(tracer, api, context);
      try {
        const response = await within(() => next(context));
        if (span.isRecording()) {
          span.setAttributes(definedAttributes(responseAttributes(context, response)));
        }
        return response;
      } catch (error) {
        fail(span, context, error);
        throw error;
      } finally {
        span.end();
      }
    },

    stream(context, next): AsyncIterable<StreamEvent> {
      let span: SpanLike | undefined;
      let within: (<R>(work: () => R) => R) | undefined;
      return FusedStream.from(
        async () => {
          const { api, tracer } = loaded ?? (await ready());
          if (!tracer) return next(context);
          const started = start(tracer, api, context);
          span = started.span;
          within = started.within;
          return started.within(() => next(context));
        },
        {
          item(event, emit) {
            if (event.type === 'finish' && span?.isRecording()) {
              span.setAttributes(definedAttributes(responseAttributes(context, event.response)));
            }
            emit(event);
          },
          // Each read runs in the span's context, so the vendor's HTTP request is its child.
          run: (read) => (within ? within(read) : read()),
          error(error) {
            if (span) fail(span, context, error);
            return error;
          },
          close: () => span?.end(),
        },
      );
    },
  };
}

function fail(span: SpanLike, context: CallContext, error: unknown): void {
  if (!span.isRecording()) return;
  span.setAttributes(definedAttributes(errorAttributes(context, error)));
  const message = redactString(error instanceof Error ? error.message : String(error));
  if (error instanceof Error) {
    const safe = new Error(message);
    safe.name = error.name;
    span.recordException(safe);
  }
  span.setStatus({ code: SPAN_STATUS_ERROR, message });
}
