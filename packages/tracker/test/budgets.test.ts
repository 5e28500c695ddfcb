import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  BudgetExceededError,
  ConfigurationError,
  createClient,
  registerModel,
} from '@stratum/core';
import { createMockProvider } from '@stratum/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type BudgetAlert,
  type BudgetOptions,
  budget,
  createMemoryStore,
  createSqliteStore,
  createTracker,
  createWebhookSender,
  type RecordStore,
  type TrackerOptions,
} from '../src/index.js';
import { captureLogger, useTempDir } from './support/temp-dir.js';

const nextPath = useTempDir('budgets');

/** $1/M input, $2/M output: a call of 10 input and 50 output tokens costs $0.00011. */
const CALL_USD = 0.00011;

beforeAll(() => {
  registerModel({ id: 'mock/budgeted', pricing: { input: 1, output: 2 } });
});

const stores: Array<[string, () => RecordStore]> = [
  ['memory', () => createMemoryStore()],
  ['sqlite', () => createSqliteStore({ path: nextPath() })],
];

function setup(
  store: RecordStore,
  budgets: BudgetOptions[],
  options: Partial<TrackerOptions> & { latencyMs?: number } = {},
) {
  const provider = createMockProvider({
    responses: (request) =>
      String(request.messages[0]?.content) === 'fail'
        ? { error: { status: 500, message: 'down' } }
        : {
            text: 'one two three four five six',
            usage: { inputTokens: 10, outputTokens: 50 },
            latencyMs: options.latencyMs,
            chunkDelayMs: 5,
          },
  });
  const alerts: BudgetAlert[] = [];
  const logger = captureLogger();
  const made = budgets.map((each) => budget(each));
  const tracker = createTracker({
    store,
    budgets: made,
    reservation: { estimateCostUsd: () => CALL_USD },
    onAlert: (alert) => {
      alerts.push(alert);
    },
    logger,
    ...options,
  });
  const client = createClient({ providers: [provider], middleware: [tracker.middleware] });
  const ask = (content = 'hi', metadata?: Record<string, string>) =>
    client.chat({
      model: 'mock/budgeted',
      messages: [{ role: 'user', content }],
      metadata,
      maxOutputTokens: 50,
    });
  return { tracker, client, provider, alerts, logger, budgets: made, ask };
}

describe.each(stores)('budgets on the %s store', (_name, makeStore) => {
  it('blocks the call that would pass a hard limit, naming scope, limit, spent, reserved and reset', async () => {
    const clock = Date.UTC(2026, 2, 10, 15);
    const { ask, provider, tracker } = setup(
      makeStore(),
      [{ name: 'daily', limitUsd: CALL_USD * 3, period: 'day' }],
      { now: () => clock },
    );
    for (let call = 0; call < 3; call += 1) await ask();
    const error = await ask().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BudgetExceededError);
    if (!(error instanceof BudgetExceededError)) throw error;
    expect(error.retryable).toBe(false);
    expect(error.budget).toEqual({
      scope: 'daily',
      limitUsd: CALL_USD * 3,
      spentUsd: 0.00033,
      reservedUsd: 0,
      requestedUsd: CALL_USD,
      resetsAt: Date.UTC(2026, 2, 11),
    });
    expect(error.message).toContain('2026-03-11T00:00:00.000Z');
    expect(provider.calls).toHaveLength(3);
    const { records } = await tracker.list();
    expect(records.map((record) => record.errorClass ?? 'ok').sort()).toEqual([
      'BudgetExceededError',
      'ok',
      'ok',
      'ok',
    ]);
  });

  it('lets exactly as many concurrent calls through as the limit covers', async () => {
    const { ask, budgets } = setup(makeStore(), [{ limitUsd: CALL_USD * 5, period: 'total' }], {
      latencyMs: 30,
    });
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => ask()));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(5);
    const status = await budgets[0]!.status();
    expect(status).toMatchObject({
      spentUsd: 0.00055,
      reservedUsd: 0,
      remainingUsd: 0,
      percentUsed: 100,
    });
    expect(status.resetsAt).toBeUndefined();
  });

  it('releases the reservation of a failed call and of an abandoned stream', async () => {
    const { ask, client, budgets } = setup(makeStore(), [{ limitUsd: CALL_USD, period: 'month' }]);
    await expect(ask('fail')).rejects.toThrow(/down/);
    expect(await budgets[0]!.status()).toMatchObject({ spentUsd: 0, reservedUsd: 0 });
    for await (const event of client.stream({
      model: 'mock/budgeted',
      messages: [{ role: 'user', content: 'hi' }],
      maxOutputTokens: 50,
    })) {
      if (event.type === 'text-delta') break;
    }
    const afterAbort = await budgets[0]!.status();
    // The cut stream is settled at its estimate (a few tokens), not the whole reservation.
    expect(afterAbort.reservedUsd).toBe(0);
    expect(afterAbort.spentUsd).toBeGreaterThan(0);
    expect(afterAbort.spentUsd).toBeLessThan(CALL_USD);
  });

  it('a soft budget never blocks, and alerts once per threshold', async () => {
    const { ask, alerts, budgets, logger } = setup(makeStore(), [
      { name: 'soft', limitUsd: CALL_USD * 2, period: 'day', mode: 'soft' },
    ]);
    for (let call = 0; call < 8; call += 1) await ask();
    const status = await budgets[0]!.status();
    expect(status.percentUsed).toBeCloseTo(400, 6);
    expect(alerts.map((alert) => alert.threshold)).toEqual([0.5, 0.8, 1]);
    expect(logger.events.filter((event) => event['event'] === 'stratum.budget.alert')).toHaveLength(
      3,
    );
  });

  it('alerts once per threshold per period, and again in the next period', async () => {
    let clock = Date.UTC(2026, 2, 10, 9);
    const { ask, alerts } = setup(makeStore(), [{ limitUsd: CALL_USD * 4, period: 'day' }], {
      now: () => clock,
    });
    await ask();
    expect(alerts).toHaveLength(0);
    await ask();
    expect(alerts.map((alert) => alert.threshold)).toEqual([0.5]);
    await ask();
    expect(alerts).toHaveLength(1);
    await ask();
    expect(alerts.map((alert) => alert.threshold)).toEqual([0.5, 0.8, 1]);
    await expect(ask()).rejects.toThrow(BudgetExceededError);
    expect(alerts).toHaveLength(3);
    clock = Date.UTC(2026, 2, 11, 9);
    await ask();
    await ask();
    expect(alerts.map((alert) => alert.threshold)).toEqual([0.5, 0.8, 1, 0.5]);
    expect(alerts[3]?.periodStart).toBe(Date.UTC(2026, 2, 11));
  });

  it('keeps one limit per tag value, per model, and for one provider', async () => {
    const { ask, budgets } = setup(makeStore(), [
      { name: 'per-user', limitUsd: CALL_USD, period: 'day', scope: { tag: 'user' } },
      { name: 'per-model', limitUsd: CALL_USD * 10, period: 'day', scope: 'model' },
      {
        name: 'mock-provider',
        limitUsd: CALL_USD * 10,
        period: 'day',
        scope: { provider: 'mock' },
      },
    ]);
    await ask('hi', { user: 'alice' });
    await expect(ask('hi', { user: 'alice' })).rejects.toThrow(/per-user \(user=alice\)/);
    await ask('hi', { user: 'bob' });
    await ask('hi');
    expect((await budgets[0]!.status('alice')).spentUsd).toBe(CALL_USD);
    expect((await budgets[1]!.status('mock/budgeted')).spentUsd).toBe(0.00033);
    expect((await budgets[2]!.status()).spentUsd).toBe(0.00033);
    await expect(budgets[0]!.status()).rejects.toThrow(ConfigurationError);
  });
});

describe('periods', () => {
  it('calendar months follow the time zone; weeks start on Monday', async () => {
    // 23:30 UTC on 31 March is 01:30 on 1 April in Paris (summer time, UTC+2).
    const clock = Date.UTC(2026, 2, 31, 23, 30);
    const { budgets } = setup(
      createMemoryStore(),
      [
        { name: 'paris-month', limitUsd: 1, period: 'month', timeZone: 'Europe/Paris' },
        { name: 'utc-week', limitUsd: 1, period: 'week' },
        { name: 'ny-day', limitUsd: 1, period: 'day', timeZone: 'America/New_York' },
      ],
      { now: () => clock },
    );
    const month = await budgets[0]!.status();
    expect(month.periodStart).toBe(Date.UTC(2026, 2, 31, 22));
    expect(month.resetsAt).toBe(Date.UTC(2026, 3, 30, 22));
    const week = await budgets[1]!.status();
    expect(week.periodStart).toBe(Date.UTC(2026, 2, 30)); // Monday 30 March
    expect(week.resetsAt).toBe(Date.UTC(2026, 3, 6));
    const day = await budgets[2]!.status();
    expect(day.periodStart).toBe(Date.UTC(2026, 2, 31, 4)); // midnight EDT
  });

  it('a rolling window forgets spend older than the window', async () => {
    let clock = Date.UTC(2026, 0, 1);
    const { ask, budgets } = setup(
      createMemoryStore(),
      [{ limitUsd: CALL_USD * 2, period: { rollingMs: 3_600_000 } }],
      { now: () => clock },
    );
    await ask();
    clock += 30 * 60_000;
    await ask();
    await expect(ask()).rejects.toThrow(BudgetExceededError);
    clock += 31 * 60_000;
    await ask();
    expect((await budgets[0]!.status()).spentUsd).toBe(0.00022);
  });

  it('rejects bad settings before any call', () => {
    expect(() => budget({ limitUsd: -1, period: 'day' })).toThrow(/limitUsd/);
    expect(() => budget({ limitUsd: 1, period: 'day', timeZone: 'Mars/Olympus' })).toThrow(/IANA/);
    expect(() => budget({ limitUsd: 1, period: { rollingMs: 5 } })).toThrow(/rollingMs/);
  });
});

describe('the worst-case reservation', () => {
  it('prices the prompt and maxOutputTokens, and needs a bound', async () => {
    const provider = createMockProvider({
      responses: { text: 'ok', usage: { inputTokens: 5, outputTokens: 20 } },
    });
    const limited = budget({ limitUsd: 1, period: 'total' });
    const tracker = createTracker({
      store: createMemoryStore(),
      budgets: [limited],
      logger: captureLogger(),
    });
    const client = createClient({ providers: [provider], middleware: [tracker.middleware] });
    await expect(
      client.chat({ model: 'mock/budgeted', messages: [{ role: 'user', content: 'hi' }] }),
    ).rejects.toThrow(/maxOutputTokens/);
    expect(provider.calls).toHaveLength(0);
    const hold = client.chat({
      model: 'mock/budgeted',
      messages: [{ role: 'user', content: 'hi' }],
      maxOutputTokens: 1_000,
    });
    await hold;
    expect((await limited.status()).spentUsd).toBe(0.000045);
  });

  it('uses capUsd for calls it cannot price', async () => {
    const provider = createMockProvider({
      responses: { text: 'ok', usage: { inputTokens: 5, outputTokens: 20 } },
    });
    const limited = budget({ limitUsd: 0.5, period: 'total' });
    const tracker = createTracker({
      store: createMemoryStore(),
      budgets: [limited],
      reservation: { capUsd: 0.3 },
      logger: captureLogger(),
    });
    const client = createClient({ providers: [provider], middleware: [tracker.middleware] });
    const slow = createMockProvider({ name: 'slow', responses: { text: 'ok', latencyMs: 50 } });
    const both = createClient({ providers: [provider, slow], middleware: [tracker.middleware] });
    const first = both.chat({ model: 'slow/unknown', messages: [{ role: 'user', content: 'a' }] });
    // $0.30 of $0.50 is held by the first call: a second one cannot reserve another $0.30.
    await expect(
      client.chat({ model: 'mock/unpriced', messages: [{ role: 'user', content: 'b' }] }),
    ).rejects.toThrow(BudgetExceededError);
    await first;
    expect((await limited.status()).reservedUsd).toBe(0);
  });
});

describe('createWebhookSender', () => {
  it('retries 5xx answers until one succeeds', async () => {
    let attempts = 0;
    const bodies: string[] = [];
    const server = createServer((request, response) => {
      attempts += 1;
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      request.on('end', () => {
        bodies.push(body);
        response.writeHead(attempts < 3 ? 503 : 204).end();
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const send = createWebhookSender({ url: `http://127.0.0.1:${port}/alerts`, baseDelayMs: 5 });
    const alert: BudgetAlert = {
      budget: 'monthly',
      scope: 'global',
      mode: 'hard',
      limitUsd: 10,
      spentUsd: 8,
      reservedUsd: 0,
      remainingUsd: 2,
      percentUsed: 80,
      periodStart: 0,
      resetsAt: 1,
      threshold: 0.8,
    };
    await send(alert);
    server.close();
    expect(attempts).toBe(3);
    expect(JSON.parse(bodies[2] ?? '{}')).toMatchObject({ budget: 'monthly', threshold: 0.8 });
  });

  it('gives up after the last attempt and on a 4xx answer', async () => {
    let attempts = 0;
    const server = createServer((_request, response) => {
      attempts += 1;
      response.writeHead(400).end();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const send = createWebhookSender({ url: `http://127.0.0.1:${port}/`, baseDelayMs: 1 });
    await expect(
      send({
        budget: 'b',
        scope: 'global',
        mode: 'soft',
        limitUsd: 1,
        spentUsd: 1,
        reservedUsd: 0,
        remainingUsd: 0,
        percentUsed: 100,
        periodStart: undefined,
        resetsAt: undefined,
        threshold: 1,
      }),
    ).rejects.toThrow(/HTTP 400/);
    server.close();
    expect(attempts).toBe(1);
  });
});
