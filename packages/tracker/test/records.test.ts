import { createClient, type ModelInfo, registerModel } from '@stratum/core';
import { createMockProvider } from '@stratum/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createMemoryStore,
  createSqliteStore,
  createTracker,
  type RecordStore,
} from '../src/index.js';
import { captureLogger, useTempDir } from './support/temp-dir.js';

const nextPath = useTempDir('records');

beforeAll(() => {
  // $1 per million input tokens, $2 per million output, $0.10 cache reads, $1.25 cache writes.
  registerModel({
    id: 'mock/priced',
    pricing: { input: 1, output: 2, cacheRead: 0.1, cacheWrite: 1.25 },
  });
});

const stores: Array<[string, () => RecordStore]> = [
  ['memory', () => createMemoryStore()],
  ['sqlite', () => createSqliteStore({ path: nextPath() })],
];

function setup(store: RecordStore) {
  const provider = createMockProvider({
    responses: (request) => {
      const text = String(request.messages[0]?.content ?? '');
      if (text === 'fail') return { error: { status: 429, message: 'slow down' } };
      return {
        text: 'Three primes: 2, 3, 5.',
        usage: { inputTokens: 1000, cacheReadTokens: 400, cacheWriteTokens: 100, outputTokens: 50 },
      };
    },
    resolveModelInfo: (): ModelInfo | undefined => undefined,
  });
  const tracker = createTracker({ store, logger: captureLogger() });
  const client = createClient({ providers: [provider], middleware: [tracker.middleware] });
  return { tracker, client };
}

describe.each(stores)('records through the %s store', (_name, makeStore) => {
  it('records a chat call with tokens, exact cost, tags and latency before it returns', async () => {
    const { tracker, client } = setup(makeStore());
    const response = await client.chat({
      model: 'mock/priced',
      messages: [{ role: 'user', content: 'primes' }],
      metadata: {
        user: 'alice',
        team: 'search',
        apiKeyId: 'key_42',
        apiKey: 'sk-secret-value-000000000',
      },
      tags: ['feature:summaries', 'beta'],
    });
    const { records } = await tracker.list();
    expect(records).toHaveLength(1);
    const record = records[0]!;
    expect(record).toMatchObject({
      operation: 'chat',
      requestedModel: 'mock/priced',
      model: 'mock/priced',
      provider: 'mock',
      attempts: 1,
      inputTokens: 1000,
      cacheReadTokens: 400,
      cacheWriteTokens: 100,
      outputTokens: 50,
      finishReason: 'stop',
      estimated: false,
      priced: true,
      cacheHit: false,
    });
    expect(record.tags).toEqual({
      user: 'alice',
      team: 'search',
      apiKeyId: 'key_42',
      feature: 'summaries',
      beta: 'true',
    });
    expect(JSON.stringify(record)).not.toContain('sk-secret');
    // 500 uncached × $1/M + 400 × $0.10/M + 100 × $1.25/M + 50 × $2/M, in picodollars.
    expect(record.cost).toEqual({
      input: 500_000_000,
      cacheRead: 40_000_000,
      cacheWrite: 125_000_000,
      output: 100_000_000,
      reasoning: 0,
      total: 765_000_000,
    });
    expect(record.cost.total / 1e12).toBe(response.cost?.total);
    expect(record.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('records a failed call with its error class and a streamed call when it ends', async () => {
    const { tracker, client } = setup(makeStore());
    await expect(
      client.chat({ model: 'mock/priced', messages: [{ role: 'user', content: 'fail' }] }),
    ).rejects.toThrow(/slow down/);
    const stream = client.stream({
      model: 'mock/priced',
      messages: [{ role: 'user', content: 'primes' }],
    });
    let recordedBeforeFinish = -1;
    for await (const event of stream) {
      if (event.type === 'finish') recordedBeforeFinish = (await tracker.list()).records.length;
    }
    expect(recordedBeforeFinish).toBe(2);
    const [streamed, failed] = (await tracker.list()).records;
    expect(failed).toMatchObject({ errorClass: 'RateLimitError', cost: { total: 0 } });
    expect(streamed).toMatchObject({ operation: 'stream', outputTokens: 50, estimated: false });
    expect(streamed?.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
    const [summary] = await tracker.query();
    expect(summary?.errors).toEqual({ RateLimitError: 1 });
    expect(summary?.calls).toBe(2);
  });

  it('counts a call recorded in the same millisecond as the query', async () => {
    const clock = Date.UTC(2026, 0, 1, 12);
    const tracker = createTracker({
      store: makeStore(),
      now: () => clock,
      logger: captureLogger(),
    });
    const provider = createMockProvider({
      responses: { text: 'ok', usage: { inputTokens: 1, outputTokens: 1 } },
    });
    const client = createClient({ providers: [provider], middleware: [tracker.middleware] });
    await client.chat({ model: 'mock/priced', messages: [{ role: 'user', content: 'x' }] });
    expect((await tracker.list()).records[0]?.time).toBe(clock);
    const [summary] = await tracker.query();
    expect(summary?.calls).toBe(1);
    expect((await tracker.summary()).calls).toBe(1);
    // An explicit end stays exclusive.
    expect((await tracker.query({ to: clock }))[0]?.calls ?? 0).toBe(0);
  });

  it('pages through records newest first and deletes old ones', async () => {
    let clock = Date.UTC(2026, 0, 1);
    const store = makeStore();
    const provider = createMockProvider({
      responses: { text: 'ok', usage: { inputTokens: 1, outputTokens: 1 } },
    });
    const tracker = createTracker({ store, now: () => clock, logger: captureLogger() });
    const client = createClient({ providers: [provider], middleware: [tracker.middleware] });
    for (let day = 0; day < 5; day += 1) {
      clock = Date.UTC(2026, 0, 1 + day, 12);
      await client.chat({ model: 'mock/priced', messages: [{ role: 'user', content: 'x' }] });
    }
    const first = await tracker.list({ limit: 2 });
    expect(first.records.map((record) => new Date(record.time).getUTCDate())).toEqual([5, 4]);
    const second = await tracker.list({ limit: 2, cursor: first.nextCursor });
    expect(second.records.map((record) => new Date(record.time).getUTCDate())).toEqual([3, 2]);
    const third = await tracker.list({ limit: 2, cursor: second.nextCursor });
    expect(third.records.map((record) => new Date(record.time).getUTCDate())).toEqual([1]);
    expect(third.nextCursor).toBeUndefined();
    // Two days before Jan 5 12:00 is Jan 3 12:00: the calls of Jan 1 and 2 are older.
    expect(await tracker.deleteOlderThan(2)).toBe(2);
    expect((await tracker.list()).records).toHaveLength(3);
  });
});
