import { AsyncLocalStorage } from 'node:async_hooks';
import {
  type Context,
  type ContextManager,
  context,
  ROOT_CONTEXT,
  trace,
} from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { Middleware } from '@stratum/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { responseCache, retry, tracing } from '../src/index.js';
import { decidingMiddleware } from './support/routing-decision.js';
import { clientWith, collect, hello, mockProvider, rejection } from './support/test-client.js';

/** The smallest real context manager: what @opentelemetry/context-async-hooks does. */
class AsyncLocalStorageContextManager implements ContextManager {
  readonly #storage = new AsyncLocalStorage<Context>();
  active(): Context {
    return this.#storage.getStore() ?? ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    active: Context,
    run: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return this.#storage.run(active, () => run.apply(thisArg, args));
  }
  bind<T>(_context: Context, target: T): T {
    return target;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.#storage.disable();
    return this;
  }
}

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager());
  trace.setGlobalTracerProvider(provider);
});
afterAll(() => {
  trace.disable();
  context.disable();
});
beforeEach(() => exporter.reset());

const reply = {
  text: 'Traced',
  id: 'chatcmpl-9',
  model: 'priced-2026',
  usage: { inputTokens: 12, outputTokens: 7 },
};

describe('tracing', () => {
  it('records a GenAI client span with request and response attributes', async () => {
    const mock = mockProvider(reply);
    const client = clientWith(mock, [tracing({ tracer: provider.getTracer('explicit') })]);
    await client.chat({ ...hello, temperature: 0.2, topP: 0.9, maxOutputTokens: 64 });
    const [span] = exporter.getFinishedSpans();
    expect(exporter.getFinishedSpans()).toHaveLength(1);
    expect(span?.name).toBe('chat priced');
    expect(span?.kind).toBe(2);
    expect(span?.instrumentationScope.name).toBe('explicit');
    expect(span?.attributes).toEqual({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'mock',
      'gen_ai.system': 'mock',
      'gen_ai.request.model': 'priced',
      'gen_ai.request.temperature': 0.2,
      'gen_ai.request.top_p': 0.9,
      'gen_ai.request.max_tokens': 64,
      'gen_ai.output.type': 'text',
      'gen_ai.response.model': 'priced-2026',
      'gen_ai.response.id': 'chatcmpl-9',
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 12,
      'gen_ai.usage.output_tokens': 7,
      'gen_ai.usage.cache_read.input_tokens': 0,
      'gen_ai.usage.cache_creation.input_tokens': 0,
      // 12 * $2/M + 7 * $8/M = $0.000024 + $0.000056.
      'stratum.cost.usd': 0.00008,
    });
    expect(span?.status.code).toBe(0);
  });

  it('uses the global tracer provider by default and makes the span the parent of inner spans', async () => {
    const inner: Middleware = {
      name: 'inner-span',
      async chat(callContext, next) {
        const child = trace.getTracer('http').startSpan('POST /v1/chat/completions');
        try {
          return await next(callContext);
        } finally {
          child.end();
        }
      },
    };
    const client = clientWith(mockProvider(reply), [tracing(), retry({ budget: false }), inner]);
    await client.chat(hello);
    const spans = exporter.getFinishedSpans();
    const chat = spans.find((span) => span.name === 'chat priced');
    const http = spans.find((span) => span.name === 'POST /v1/chat/completions');
    expect(chat?.instrumentationScope.name).toBe('@stratum/middleware');
    expect(http?.parentSpanContext?.spanId).toBe(chat?.spanContext().spanId);
    expect(chat?.attributes['stratum.attempts']).toBe(1);
  });

  it('marks failures with error.type and an error status, with keys scrubbed', async () => {
    const key = 'sk-proj-FakeKeyForTracingTest0123456789';
    const mock = mockProvider({
      error: { status: 401, message: `Incorrect API key provided: ${key}` },
    });
    const client = clientWith(mock, [tracing()]);
    await rejection(client.chat(hello));
    const [span] = exporter.getFinishedSpans();
    expect(span?.attributes).toMatchObject({
      'error.type': 'AuthenticationError',
      'stratum.error.code': 'authentication',
      'http.response.status_code': 401,
    });
    expect(span?.status.code).toBe(2);
    expect(span?.status.message).toMatch(/Incorrect API key provided: \[REDACTED\]/);
    expect(span?.events[0]?.name).toBe('exception');
    expect(JSON.stringify([span?.attributes, span?.status, span?.events])).not.toContain(key);
  });

  it('spans a whole stream and records its finish', async () => {
    const client = clientWith(mockProvider(reply), [tracing(), responseCache()]);
    expect((await collect(client.stream(hello).textStream)).join('')).toBe('Traced');
    await collect(client.stream(hello));
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(2);
    expect(spans[0]?.attributes).toMatchObject({
      'gen_ai.usage.output_tokens': 7,
      'stratum.cache.hit': false,
    });
    expect(spans[1]?.attributes).toMatchObject({
      'stratum.cache.hit': true,
      'stratum.cost.usd': 0,
    });
  });

  it('puts the routing decision on the span, above and below the router', async () => {
    const expected = {
      'stratum.routing.route': 'auto',
      'stratum.routing.strategy': 'threshold',
      'stratum.routing.model': 'mock/priced',
      'stratum.routing.deployment': 'mock/priced',
      'stratum.routing.complexity': 0.71,
      'stratum.routing.threshold': 0.6,
      'stratum.routing.tier': 1,
      'stratum.routing.candidate_count': 2,
      'stratum.routing.dropped_count': 1,
      'stratum.routing.failover_count': 0,
    };
    const client = clientWith(mockProvider([reply, reply]), [
      tracing(),
      decidingMiddleware(),
      tracing(),
    ]);
    await client.chat(hello);
    await collect(client.stream(hello));
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(4);
    for (const span of spans) expect(span.attributes).toMatchObject(expected);

    exporter.reset();
    const failing = clientWith(mockProvider({ error: { status: 503, message: 'busy' } }), [
      decidingMiddleware(),
      tracing(),
    ]);
    await rejection(failing.chat(hello));
    expect(exporter.getFinishedSpans()[0]?.attributes).toMatchObject({
      'error.type': 'ProviderUnavailableError',
      'stratum.routing.dropped_count': 1,
    });

    exporter.reset();
    await clientWith(mockProvider(reply), [tracing()]).chat(hello);
    const keys = Object.keys(exporter.getFinishedSpans()[0]?.attributes ?? {});
    expect(keys.some((key) => key.startsWith('stratum.routing.'))).toBe(false);
  });

  it('passes calls through untouched when @opentelemetry/api is not installed', async () => {
    const client = clientWith(mockProvider(reply), [
      tracing({ apiSpecifier: '@opentelemetry/api-that-is-not-installed' }),
    ]);
    expect((await client.chat(hello)).text).toBe('Traced');
    expect((await collect(client.stream(hello).textStream)).join('')).toBe('Traced');
    expect(exporter.getFinishedSpans()).toHaveLength(0);
  });
});
