import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import {
  type ChatRequest,
  type Client,
  createClient,
  type Middleware,
  StratumError,
} from '@stratum/core';
import { createOpenAI } from '@stratum/provider-openai';
import { type OpenAISimulator, type SimulatorStep, startOpenAISimulator } from '@stratum/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createJsonLinesLogger,
  logging,
  rateLimit,
  responseCache,
  retry,
  timeout,
  tracing,
} from '../src/index.js';
import { collect } from './support/test-client.js';

/**
 * Runs every kind of call and fault through the whole middleware stack with a real-looking API
 * key, collects every log line, span, warning and error message produced, and looks for the key.
 */
const API_KEY = 'sk-proj-NoSecretsTestKey7f3a9c2e1b4d6f8a0c2e4b6d8f0a';
const GOOGLE_STYLE_KEY = 'AIzaSyNoSecretsTestKey0123456789abcdefgh';

let simulator: OpenAISimulator;
const output: string[] = [];
const exporter = new InMemorySpanExporter();
const tracer = new BasicTracerProvider({
  spanProcessors: [new SimpleSpanProcessor(exporter)],
}).getTracer('t');
let restoreStderr: () => void = () => {};

beforeAll(async () => {
  simulator = await startOpenAISimulator();
  const write = process.stderr.write.bind(process.stderr);
  // Captured, not echoed: the JSON lines would only flood the test report.
  process.stderr.write = (chunk: string | Uint8Array) => {
    output.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  restoreStderr = () => {
    process.stderr.write = write;
  };
  process.on('warning', onWarning);
});
afterAll(async () => {
  restoreStderr();
  process.off('warning', onWarning);
  await simulator.close();
});
function onWarning(warning: Error): void {
  output.push(warning.message);
}

const errorOutput: string[] = [];

/**
 * The errors callers get, with their Stratum causes. The vendor SDK's own error kept as the
 * innermost `cause` is left out: it holds the vendor's raw message, which is the provider's to
 * scrub (see the report), not something this package produces.
 */
function record(error: unknown): void {
  let current: unknown = error;
  for (let depth = 0; StratumError.is(current) && depth < 5; depth += 1) {
    errorOutput.push(
      current.message,
      String(current),
      current.stack ?? '',
      JSON.stringify(current),
    );
    current = current.cause;
  }
}

function stack(includeBodies: boolean): Client {
  const middleware: Middleware[] = [
    // The default logger: JSON lines on stderr, captured above.
    logging({ includeBodies, logger: includeBodies ? createJsonLinesLogger() : undefined }),
    tracing({ tracer }),
    responseCache(),
    retry({ baseDelayMs: 5, maxAttempts: 2, budget: false }),
    rateLimit({ requestsPerMinute: 6_000, tokensPerMinute: 1_000_000 }),
    timeout({ attemptMs: 300 }),
  ];
  return createClient({
    providers: [createOpenAI({ apiKey: API_KEY, baseURL: simulator.baseURL })],
    middleware,
  });
}

const steps: SimulatorStep[][] = [
  [{ kind: 'reply', reply: { text: 'fine' } }],
  [{ kind: 'error', status: 401, message: `Incorrect API key provided: ${API_KEY}.` }],
  [{ kind: 'error', status: 400 }],
  [
    { kind: 'error', status: 429, headers: { 'retry-after': '0', 'retry-after-ms': '20' } },
    { kind: 'error', status: 429, headers: { 'retry-after': '0', 'retry-after-ms': '20' } },
  ],
  [
    { kind: 'error', status: 503 },
    { kind: 'reply', reply: { text: 'second try' } },
  ],
  [{ kind: 'hang' }, { kind: 'hang' }],
  [{ kind: 'disconnect', reply: { text: 'cut off here' }, afterChunks: 2 }],
  [{ kind: 'malformed-chunk', reply: { text: 'broken' }, afterChunks: 1 }, { kind: 'hang' }],
  [
    {
      kind: 'stream-error',
      reply: { text: 'partial' },
      afterChunks: 1,
      status: 500,
      message: `upstream saw key ${API_KEY}`,
    },
  ],
];

describe('no API key in any output', () => {
  // 36 calls, some hanging until their timeout: minutes on a loaded machine, seconds otherwise.
  it('never writes the key to logs, spans, warnings or error messages', {
    timeout: 180_000,
  }, async () => {
    let scenario = 0;
    for (const includeBodies of [false, true]) {
      for (const scenarioSteps of steps) {
        for (const operation of ['chat', 'stream'] as const) {
          simulator.reset();
          simulator.enqueue(...scenarioSteps);
          scenario += 1;
          const request: ChatRequest = {
            model: 'openai/gpt-4.1-mini',
            messages: [
              {
                role: 'user',
                content: `Scenario ${scenario}. My key is ${API_KEY}, and ${GOOGLE_STYLE_KEY}.`,
              },
            ],
            metadata: { apiKey: API_KEY, note: `key=${API_KEY}` },
          };
          const client = stack(includeBodies);
          try {
            if (operation === 'chat') await client.chat(request);
            else await collect(client.stream(request));
          } catch (error) {
            record(error);
          }
        }
      }
    }
    for (const span of exporter.getFinishedSpans()) {
      output.push(JSON.stringify([span.name, span.attributes, span.status, span.events]));
    }
    const logs = output.join('\n');
    const errors = errorOutput.join('\n');
    // The run did produce output to check: a log line per call and errors of many kinds.
    expect(output.filter((line) => line.includes('"event":"stratum.call"')).length).toBe(
      steps.length * 4,
    );
    expect(errors).toMatch(/AuthenticationError/);
    expect(errors).toMatch(/TimeoutError/);
    expect(errors).toMatch(/InvalidResponseError|ProviderUnavailableError/);
    expect(logs).toMatch(/\[REDACTED\]/);
    expect(logs).toMatch(/Scenario \d+\. My key is \[REDACTED\], and \[REDACTED\]\./);
    // Neither key, nor a telling piece of one.
    for (const text of [logs, errors]) {
      expect(text).not.toContain(API_KEY);
      expect(text).not.toContain(GOOGLE_STYLE_KEY);
      expect(text).not.toContain('NoSecretsTestKey');
    }
  });
});
