import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createClient } from '@stratum/core';
import { circuitBreaker, createHealthMonitor } from '@stratum/middleware';
import { createOpenAI } from '@stratum/provider-openai';
import { type OpenAISimulator, startOpenAISimulator } from '@stratum/testing';
import { createMemoryStore, createTracker, type Tracker } from '@stratum/tracker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../src/index.js';

let simulator: OpenAISimulator;
let tracker: Tracker;
let server: ReturnType<typeof serve>;
let url: string;

beforeAll(async () => {
  simulator = await startOpenAISimulator();
  tracker = createTracker({ store: createMemoryStore() });
  const breaker = circuitBreaker({
    failureThreshold: 2,
    key: 'provider',
    cooldownMs: 600_000,
    logger: false,
  });
  const health = createHealthMonitor({ breaker });
  const client = createClient({
    providers: [createOpenAI({ apiKey: 'sk-test-breaker-0123456789', baseURL: simulator.baseURL })],
    middleware: [tracker.middleware, breaker, health.middleware()],
  });
  server = serve({
    fetch: createGateway({ client, tracker, health }).fetch,
    port: 0,
    hostname: '127.0.0.1',
  });
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.close();
  await simulator.close();
  await tracker.close();
});

const chat = () =>
  fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'openai/gpt-4.1-mini',
      messages: [{ role: 'user', content: 'Hi' }],
    }),
  });

describe('GET /api/stats with a health monitor and a circuit breaker', () => {
  it('reports the open breaker and the failures, and refuses with 503 while it is open', async () => {
    simulator.enqueue({ kind: 'error', status: 500 }, { kind: 'error', status: 500 });
    expect((await chat()).status).toBe(502);
    expect((await chat()).status).toBe(502);
    const refused = await chat();
    expect(refused.status).toBe(503);
    expect(simulator.requests).toHaveLength(2);
    const stats = await (await fetch(`${url}/api/stats`)).json();
    const openai = stats.health.find(
      (row: { provider: string; model?: string }) => row.provider === 'openai' && !row.model,
    );
    expect(openai).toMatchObject({ breaker: 'open', healthy: false, successRate: 0 });
    expect(stats.summary.calls).toBe(3);
    expect(stats.summary.errors).toBe(3);
  });
});
