import { describe, expect, it } from 'vitest';
import {
  createJsonLinesLogger,
  isSecretField,
  type Logger,
  logging,
  REDACTED,
  responseCache,
  retry,
} from '../src/index.js';
import { DECISION, decidingMiddleware } from './support/routing-decision.js';
import { clientWith, collect, hello, mockProvider, rejection } from './support/test-client.js';

function memoryLogger() {
  const lines: Array<{
    level: 'info' | 'error';
    event: Record<string, unknown>;
    message?: string;
  }> = [];
  const logger: Logger = {
    info: (event, message) => lines.push({ level: 'info', event, message }),
    error: (event, message) => lines.push({ level: 'error', event, message }),
  };
  return { logger, lines };
}

// 1000 input tokens at $2/M + 500 output tokens at $8/M = $0.006.
const reply = {
  text: 'Logged answer',
  id: 'resp_1',
  usage: { inputTokens: 1_000, outputTokens: 500 },
};

describe('logging', () => {
  it('writes one event per call with ids, attempts, latency, tokens, cost and cache outcome', async () => {
    const provider = mockProvider([{ error: { status: 503, message: 'busy' } }, reply]);
    const { logger, lines } = memoryLogger();
    const client = clientWith(provider, [
      logging({ logger }),
      responseCache(),
      retry({ sleep: async () => {}, random: () => 0.5, baseDelayMs: 100, budget: false }),
    ]);
    await client.chat({ ...hello, tags: ['checkout'], metadata: { userId: 'u1' } });
    await client.chat(hello);
    expect(lines).toHaveLength(2);
    const [miss, hit] = lines;
    expect(miss?.level).toBe('info');
    expect(miss?.message).toBe('stratum chat mock/priced ok');
    expect(miss?.event).toMatchObject({
      event: 'stratum.call',
      operation: 'chat',
      outcome: 'ok',
      provider: 'mock',
      model: 'mock/priced',
      responseId: 'resp_1',
      responseModel: 'priced',
      attempts: 2,
      retries: [{ attempt: 1, errorCode: 'provider_unavailable', status: 503, delayMs: 50 }],
      cacheHit: false,
      finishReason: 'stop',
      tokens: {
        input: 1_000,
        output: 500,
        cacheRead: 0,
        cacheWrite: 0,
        reasoning: 0,
        total: 1_500,
      },
      cost: 0.006,
      tags: ['checkout'],
      metadata: { userId: 'u1' },
    });
    expect(typeof miss?.event['requestId']).toBe('string');
    expect(miss?.event['latencyMs']).toBeGreaterThanOrEqual(0);
    expect(miss?.event).not.toHaveProperty('request');
    expect(miss?.event).not.toHaveProperty('response');
    expect(hit?.event).toMatchObject({ cacheHit: true, costSaved: 0.006, cost: 0 });
  });

  it('logs failures at error level with the error class, code and status', async () => {
    const provider = mockProvider({
      error: { status: 400, vendorCode: 'invalid_request_error', message: 'bad temperature' },
    });
    const { logger, lines } = memoryLogger();
    const client = clientWith(provider, [logging({ logger })]);
    await rejection(client.chat(hello));
    expect(lines).toHaveLength(1);
    expect(lines[0]?.level).toBe('error');
    expect(lines[0]?.event['outcome']).toBe('error');
    expect(lines[0]?.event['error']).toMatchObject({
      class: 'InvalidRequestError',
      code: 'invalid_request',
      status: 400,
      retryable: false,
      vendorCode: 'invalid_request_error',
      message: expect.stringMatching(/bad temperature/),
    });
  });

  it('adds prompt and completion only when asked, with secrets still scrubbed', async () => {
    const secret = 'sk-proj-ThisIsNotARealKeyButLooksLikeOne123';
    const provider = mockProvider({
      text: `Your key is ${secret}`,
      usage: { inputTokens: 5, outputTokens: 5 },
    });
    const { logger, lines } = memoryLogger();
    const client = clientWith(provider, [logging({ logger, includeBodies: true })]);
    await client.chat({
      ...hello,
      messages: [{ role: 'user', content: `My key is ${secret}` }],
      metadata: { apiKey: 'anything' },
    });
    const event = lines[0]?.event;
    expect(event?.['request']).toEqual({
      messages: [{ role: 'user', content: `My key is ${REDACTED}` }],
      tools: undefined,
      responseFormat: undefined,
    });
    expect(event?.['response']).toMatchObject({ text: `Your key is ${REDACTED}` });
    expect(event?.['metadata']).toEqual({ apiKey: REDACTED });
    expect(JSON.stringify(lines)).not.toContain(secret);
  });

  it('names no field of its event the way secrets are named, so only values need scrubbing', async () => {
    const provider = mockProvider([{ error: { status: 503, message: 'busy' } }, reply]);
    const { logger, lines } = memoryLogger();
    const client = clientWith(provider, [
      logging({ logger, includeBodies: true }),
      decidingMiddleware(),
      responseCache(),
      retry({ baseDelayMs: 0 }),
    ]);
    await client.chat({ ...hello, tags: ['a'], metadata: { team: 'x' } });
    await client.chat({ ...hello, tags: ['a'], metadata: { team: 'x' } });
    const failing = clientWith(mockProvider([{ error: { status: 400, message: 'bad' } }]), [
      logging({ logger, includeBodies: true }),
    ]);
    await failing.chat(hello).catch(() => undefined);
    const names = new Set(lines.flatMap((line) => Object.keys(line.event)));
    // Every optional field appeared at least once: retries, cache, routing, bodies and error.
    for (const name of ['retries', 'cacheHit', 'routing', 'request', 'response', 'error', 'tags']) {
      expect(names).toContain(name);
    }
    expect([...names].filter((name) => isSecretField(name))).toEqual([]);
  });

  it('logs a stream at its end, or as cancelled when the caller stops early', async () => {
    const provider = mockProvider({
      text: 'one two three',
      usage: { inputTokens: 2, outputTokens: 3 },
    });
    const { logger, lines } = memoryLogger();
    const client = clientWith(provider, [logging({ logger })]);
    expect((await collect(client.stream(hello).textStream)).join('')).toBe('one two three');
    for await (const _text of client.stream(hello).textStream) break;
    expect(lines.map((line) => [line.event['operation'], line.event['outcome']])).toEqual([
      ['stream', 'ok'],
      ['stream', 'cancelled'],
    ]);
    expect(lines[0]?.event['tokens']).toMatchObject({ input: 2, output: 3 });
  });

  it('records the routing decision, above the router (response) and below it (call state)', async () => {
    const { candidates, dropped, failovers, estimatedPromptTokens, ...chosen } = DECISION;
    const expected = { ...chosen, candidates: 2, dropped: 1, failovers: 0 };
    const above = memoryLogger();
    const below = memoryLogger();
    const client = clientWith(mockProvider([reply, reply]), [
      logging({ logger: above.logger }),
      decidingMiddleware(),
      logging({ logger: below.logger }),
    ]);
    await client.chat(hello);
    await collect(client.stream(hello));
    for (const { lines } of [above, below]) {
      expect(lines.map((line) => line.event['routing'])).toEqual([expected, expected]);
    }
    const unrouted = memoryLogger();
    await clientWith(mockProvider(reply), [logging({ logger: unrouted.logger })]).chat(hello);
    expect(unrouted.lines[0]?.event).not.toHaveProperty('routing');
  });

  it('writes JSON lines by default, and a broken logger never breaks the call', async () => {
    const written: string[] = [];
    const provider = mockProvider({ text: 'ok', usage: { inputTokens: 1, outputTokens: 1 } });
    const client = clientWith(provider, [
      logging({ logger: createJsonLinesLogger({ write: (text) => written.push(text) }) }),
    ]);
    await client.chat(hello);
    expect(written).toHaveLength(1);
    expect(written[0]?.endsWith('\n')).toBe(true);
    const line = JSON.parse(written[0] ?? '');
    expect(line).toMatchObject({
      level: 'info',
      msg: 'stratum chat mock/priced ok',
      model: 'mock/priced',
    });
    expect(Number.isNaN(Date.parse(line.time))).toBe(false);

    const throwing: Logger = {
      info: () => {
        throw new Error('disk full');
      },
      error: () => {
        throw new Error('disk full');
      },
    };
    const broken = clientWith(provider, [logging({ logger: throwing })]);
    expect((await broken.chat(hello)).text).toBe('ok');
  });
});
