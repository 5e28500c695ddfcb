import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createClient } from '@stratum/core';
import { createOpenAI } from '@stratum/provider-openai';
import { createSqliteStore, createTracker } from '@stratum/tracker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../src/index.js';
import { type Harness, startHarness } from './gateway-harness.js';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
  harness.openai.enqueue({
    kind: 'reply',
    reply: { text: 'one', usage: { inputTokens: 100, outputTokens: 10 } },
  });
  harness.anthropic.enqueue({
    kind: 'reply',
    reply: { text: 'two', usage: { inputTokens: 200, outputTokens: 20 } },
  });
  await chat('openai/gpt-4.1-mini');
  await chat('anthropic/claude-haiku-4-5');
});
afterAll(async () => {
  await harness?.close();
});

async function chat(model: string): Promise<Response> {
  const response = await post('/v1/chat/completions', {
    model,
    messages: [{ role: 'user', content: 'Hi' }],
  });
  expect(response.status).toBe(200);
  return response;
}

function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${harness.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function get(path: string) {
  const response = await fetch(`${harness.url}${path}`);
  expect(response.status).toBe(200);
  return response.json();
}

describe('GET /api/models', () => {
  it("lists the router's routes with their strategy and candidates", async () => {
    const body = await get('/api/models');
    expect(body.routes).toEqual([
      {
        id: 'auto',
        strategy: 'cost',
        candidates: [
          'openai/gpt-4.1-mini',
          'anthropic/claude-haiku-4-5',
          'google/gemini-2.5-flash',
        ],
      },
    ]);
    expect(body.models.length).toBeGreaterThan(100);
  });
});

describe('GET /api/stats', () => {
  it('answers the tracker summary, the health snapshot and the budgets', async () => {
    const { records } = await harness.tracker.list({ limit: 100 });
    const total = records.reduce((sum, record) => sum + BigInt(record.cost.total), 0n);
    const body = await get('/api/stats');
    expect(body.summary.calls).toBe(records.length);
    expect(body.summary.cost.picodollars).toBe(total.toString());
    expect(body.summary.byProvider.map((row: { provider: string }) => row.provider).sort()).toEqual(
      ['anthropic', 'openai'],
    );
    const openai = body.health.find(
      (row: { provider: string; model?: string }) => row.provider === 'openai' && !row.model,
    );
    expect(openai).toMatchObject({ successRate: 1, breaker: 'closed', healthy: true });
    expect(body.budgets).toEqual([
      expect.objectContaining({
        name: 'daily',
        period: 'day',
        limit: { usd: 50, picodollars: '50000000000000' },
        spent: expect.objectContaining({ picodollars: total.toString() }),
        reserved: { usd: 0, picodollars: '0' },
        alert: false,
      }),
    ]);
  });

  it('answers spend per bucket and group', async () => {
    const body = await get('/api/stats/spend?bucket=day&groupBy=provider');
    const byGroup = new Map(
      body.buckets.map((bucket: { group: string; calls: number }) => [bucket.group, bucket]),
    );
    expect(byGroup.get('openai')).toMatchObject({ calls: 1, inputTokens: 100, outputTokens: 10 });
    expect(byGroup.get('anthropic')).toMatchObject({ calls: 1, inputTokens: 200 });
    const start = body.buckets[0].start as string;
    expect(start).toBe(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`);
    const bad = await fetch(`${harness.url}/api/stats/spend?bucket=week`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.param).toBe('bucket');
  });
});

describe('GET /api/calls and /api/calls.csv', () => {
  it('lists records newest first and exports them as CSV', async () => {
    const { records } = await harness.tracker.list({ limit: 100 });
    const body = await get('/api/calls?limit=1');
    expect(body.calls).toHaveLength(1);
    expect(body.calls[0].id).toBe(records[0]?.id);
    const csv = await fetch(`${harness.url}/api/calls.csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="stratum-calls.csv"');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]?.startsWith('id,time,operation')).toBe(true);
    expect(lines).toHaveLength(records.length + 1);
    expect(lines.some((line) => line.startsWith(`${records[0]?.id},`))).toBe(true);
  });
});

describe('POST /api/route/decide', () => {
  it('answers the decision without calling a vendor', async () => {
    const before = harness.openai.requests.length + harness.google.requests.length;
    const answer = await post('/api/route/decide', {
      model: 'auto',
      messages: [{ role: 'user', content: 'Summarize the plot of Hamlet in one line.' }],
    });
    const { decision } = await answer.json();
    expect(decision.route).toBe('auto');
    expect(decision.strategy).toBe('cost');
    expect(decision.candidates).toHaveLength(3);
    expect(decision.candidates.map((each: { model: string }) => each.model)).toContain(
      decision.model,
    );
    expect(harness.openai.requests.length + harness.google.requests.length).toBe(before);
    const notRoute = await post('/api/route/decide', {
      model: 'openai/gpt-4.1-mini',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(notRoute.status).toBe(400);
    expect((await notRoute.json()).error.message).toContain('auto');
  });
});

describe('/api/models/stats and /api/models/test', () => {
  it('answers per-model stats from the tracker', async () => {
    const body = await get('/api/models/stats');
    const mini = body.models.find((row: { model: string }) => row.model === 'openai/gpt-4.1-mini');
    const { records } = await harness.tracker.list({
      filter: { model: 'openai/gpt-4.1-mini' },
      limit: 100,
    });
    expect(mini).toMatchObject({ provider: 'openai', calls: records.length, errors: 0 });
    expect(mini.cost.picodollars).toBe(
      records.reduce((sum, record) => sum + BigInt(record.cost.total), 0n).toString(),
    );
    expect(mini.p95LatencyMs).toBeGreaterThan(0);
  });

  it('makes one small call through a provider and reports a failing one', async () => {
    const before = harness.google.requests.length;
    const ok = await (await post('/api/models/test', { provider: 'google' })).json();
    expect(ok).toMatchObject({ provider: 'google', ok: true });
    expect(ok.model.startsWith('google/')).toBe(true);
    expect(harness.google.requests.length).toBe(before + 1);
    harness.anthropic.enqueue({ kind: 'error', status: 529 });
    const failed = await (await post('/api/models/test', { provider: 'anthropic' })).json();
    expect(failed.ok).toBe(false);
    expect(failed.error.code).toBe('provider_unavailable');
    const unknown = await post('/api/models/test', { provider: 'acme' });
    expect(unknown.status).toBe(400);
    const big = await post('/api/models/test', { provider: 'x'.repeat(100_000) });
    expect(big.status).toBe(413);
  });
});

describe('routes as models', () => {
  it('lists the route in /v1/models and reports the decision in the stream API', async () => {
    const list = await get('/v1/models');
    expect(list.data[0]).toEqual({
      id: 'auto',
      object: 'model',
      created: 0,
      owned_by: 'stratum-router',
    });
    expect((await get('/v1/models/auto')).id).toBe('auto');
    const answer = await post('/api/models/stream', {
      model: 'auto',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    const text = await answer.text();
    const done = JSON.parse(text.split('event: done\ndata: ')[1]?.split('\n')[0] ?? '{}');
    expect(done.routing.route).toBe('auto');
    expect(done.model).toBe(done.routing.model);
    const generated = await (
      await post('/api/models/generate', {
        model: 'auto',
        messages: [{ role: 'user', content: 'Hi' }],
      })
    ).json();
    expect(generated.response.routing.route).toBe('auto');
    expect(generated.response.latencyMs).toBeGreaterThan(0);
  });
});

describe('GET /ready', () => {
  it('is 200 while the tracker store answers and 503 once it does not', async () => {
    expect(await get('/ready')).toMatchObject({ status: 'ready' });
    const store = createSqliteStore({ path: ':memory:' });
    const tracker = createTracker({ store });
    const client = createClient({
      providers: [createOpenAI({ apiKey: 'sk-test-ready', baseURL: harness.openai.baseURL })],
      middleware: [tracker.middleware],
    });
    const server = serve({
      fetch: createGateway({ client, tracker }).fetch,
      port: 0,
      hostname: '127.0.0.1',
    });
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    expect((await fetch(`http://127.0.0.1:${port}/ready`)).status).toBe(200);
    await tracker.close();
    const down = await fetch(`http://127.0.0.1:${port}/ready`);
    expect(down.status).toBe(503);
    expect((await down.json()).checks.tracker).toBe('failed');
    server.close();
  });
});
