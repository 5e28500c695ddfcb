/**
 * The part of `@opentelemetry/api` the tracing middleware uses, described structurally so this
 * package needs neither its code nor its types: `@opentelemetry/api` is an optional peer
 * dependency, loaded with a dynamic import the first time a traced call runs.
 */
export type AttributeValue = string | number | boolean | string[] | number[];
export type Attributes = Record<string, AttributeValue | undefined>;

export interface SpanLike {
  setAttribute(key: string, value: AttributeValue): unknown;
  setAttributes(attributes: Attributes): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  recordException(exception: Error): unknown;
  /** False for the no-op spans of an app without a tracing SDK: nothing needs recording then. */
  isRecording(): boolean;
  end(): void;
}

export interface TracerLike {
  startSpan(
    name: string,
    options?: { kind?: number; attributes?: Attributes },
    context?: unknown,
  ): SpanLike;
}

export interface OpenTelemetryApi {
  trace: {
    getTracer(name: string, version?: string): TracerLike;
    setSpan(context: unknown, span: SpanLike): unknown;
  };
  context: {
    active(): unknown;
    with<T>(context: unknown, run: () => T): T;
  };
}

/** OpenTelemetry's numeric enums, stable since API 1.0. */
export const SPAN_KIND_CLIENT = 2;
export const SPAN_STATUS_ERROR = 2;

// A variable specifier keeps bundlers from failing the build when the peer is not installed.
const OPENTELEMETRY_API = '@opentelemetry/api';
const cache = new Map<string, Promise<OpenTelemetryApi | undefined>>();

/** The installed `@opentelemetry/api`, or `undefined` when the app does not have it. */
export function loadOpenTelemetry(
  specifier: string = OPENTELEMETRY_API,
): Promise<OpenTelemetryApi | undefined> {
  let loading = cache.get(specifier);
  if (!loading) {
    loading = import(specifier).then(
      (module: unknown) => (isOpenTelemetryApi(module) ? module : undefined),
      () => undefined,
    );
    cache.set(specifier, loading);
  }
  return loading;
}

function isOpenTelemetryApi(value: unknown): value is OpenTelemetryApi {
  if (typeof value !== 'object' || value === null) return false;
  if (!('trace' in value) || !('context' in value)) return false;
  const { trace, context } = value;
  return (
    typeof trace === 'object' &&
    trace !== null &&
    'getTracer' in trace &&
    typeof trace.getTracer === 'function' &&
    'setSpan' in trace &&
    typeof trace.setSpan === 'function' &&
    typeof context === 'object' &&
    context !== null &&
    'with' in context &&
    typeof context.with === 'function' &&
    'active' in context &&
    typeof context.active === 'function'
  );
}
