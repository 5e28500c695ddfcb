import {
  type CallContext,
  createClient,
  type Middleware,
  ProviderUnavailableError,
} from '@stratum/core';
import { logging } from '@stratum/middleware';
import { createMockProvider, type MockResponse } from '@stratum/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createRouter,
  isRoutingDecision,
  ROUTING_DECISION,
  type RoutingDecision,
  routingDecisionOf,
} from '../src/index.js';
import { QUALITY, registerTestModels, snapshot, userRequest } from './support/models.js';

beforeAll(registerTestModels);

function recordDecisions(): Middleware & { seen: RoutingDecision[] } {
  const seen: RoutingDecision[] = [];
  return {
    name: 'record',
    seen,
    chat(context: CallContext, next) {
      const decision = context.state.get(ROUTING_DECISION);
      if (isRoutingDecision(decision)) seen.push(decision);
      return next(context);
    },
  };
}

describe('routes as model ids through the client', () => {
  it('routes `auto` and named routes, and passes other ids through untouched', async () => {
    const acme = createMockProvider({ name: 'acme', responses: { text: 'ok' } });
    const recorder = recordDecisions();
    const router = createRouter({
      routes: {
        auto: { candidates: ['acme/tiny', 'acme/large'], strategy: 'cost' },
        'best-effort': { candidates: ['acme/tiny', 'acme/large'], strategy: 'quality' },
      },
      quality: QUALITY,
    });
    const client = createClient({ providers: [acme], middleware: [router, recorder] });
    const routed = await client.chat(userRequest('hi'));
    expect(routed.modelId).toBe('acme/tiny');
    expect(routingDecisionOf(routed)).toMatchObject({
      route: 'auto',
      strategy: 'cost',
      model: 'acme/tiny',
      deployment: 'acme/tiny',
    });
    expect((await client.chat(userRequest('hi', 'best-effort'))).modelId).toBe('acme/large');
    const direct = await client.chat(userRequest('hi', 'acme/mid'));
    expect(direct.modelId).toBe('acme/mid');
    expect(routingDecisionOf(direct)).toBeUndefined();
    expect(acme.calls.map((call) => call.request.model)).toEqual(['tiny', 'large', 'mid']);
    // Middleware after the router sees the decision in the call state.
    expect(recorder.seen.map((decision) => decision.route)).toEqual(['auto', 'best-effort']);
  });

  it('routes streams and puts the decision on the finished response', async () => {
    const acme = createMockProvider({ name: 'acme', responses: { text: 'streamed answer' } });
    const client = createClient({
      providers: [acme],
      middleware: [createRouter({ routes: { auto: { candidates: ['acme/mid'] } } })],
    });
    const stream = client.stream(userRequest('hi'));
    let text = '';
    for await (const delta of stream.textStream) text += delta;
    const response = await stream.finalResponse();
    expect(text).toBe('streamed answer');
    expect(response.modelId).toBe('acme/mid');
    expect(routingDecisionOf(response)?.model).toBe('acme/mid');
  });

  it("is recorded by @stratum/middleware's logging, below the router and above it", async () => {
    const events: Record<string, unknown>[] = [];
    const logger = { info: (event: Record<string, unknown>) => events.push(event), error() {} };
    const client = createClient({
      providers: [createMockProvider({ name: 'acme', responses: { text: 'ok' } })],
      middleware: [
        logging({ logger }),
        createRouter({
          routes: { auto: { candidates: ['acme/tiny', 'acme/large'], strategy: 'quality' } },
          quality: QUALITY,
        }),
        logging({ logger }),
      ],
    });
    await client.chat(userRequest('hi'));
    expect(events).toHaveLength(2);
    for (const event of events) {
      expect(event['routing']).toEqual({
        route: 'auto',
        strategy: 'quality',
        model: 'acme/large',
        deployment: 'acme/large',
        complexity: undefined,
        threshold: undefined,
        tier: undefined,
        candidates: 2,
        dropped: 0,
        failovers: 0,
      });
    }
  });

  it('ranks streams by time to first token and chat calls by total latency', async () => {
    const health = snapshot({
      'acme/large': {
        latencyMs: { p50: 900, p95: 1_500, p99: 2_000 },
        timeToFirstTokenMs: { p50: 60, p95: 120, p99: 200 },
      },
      'acme/tiny': { latencyMs: { p50: 300, p95: 500, p99: 700 } },
    });
    const router = createRouter({
      routes: { auto: { candidates: ['acme/tiny', 'acme/large'], strategy: 'latency' } },
      health: { snapshot: () => health },
    });
    const client = createClient({
      providers: [createMockProvider({ name: 'acme', responses: { text: 'ok' } })],
      middleware: [router],
    });
    const stream = client.stream(userRequest('hi'));
    for await (const _ of stream.textStream) {
      // drain
    }
    const streamed = routingDecisionOf(await stream.finalResponse());
    expect(streamed?.model).toBe('acme/large');
    expect(streamed?.candidates.map((candidate) => candidate.latencyMs)).toEqual([300, 60]);
    const answered = routingDecisionOf(await client.chat(userRequest('hi')));
    expect(answered?.model).toBe('acme/tiny');
    expect(answered?.candidates.map((candidate) => candidate.latencyMs)).toEqual([300, 900]);
  });

  it('fails over to the next deployment on an availability error, not on a bad request', async () => {
    const primary = createMockProvider({
      name: 'acme',
      responses: { error: new ProviderUnavailableError('down') },
    });
    const backup = createMockProvider({ name: 'backup', responses: { text: 'from backup' } });
    const router = createRouter({
      routes: {
        auto: {
          candidates: [
            {
              model: 'acme/mid',
              deployments: [
                { model: 'acme/mid', weight: 1 },
                { model: 'backup/mid', weight: 0 },
              ],
            },
          ],
        },
      },
    });
    const client = createClient({ providers: [primary, backup], middleware: [router] });
    const response = await client.chat(userRequest('hi'));
    expect(response.text).toBe('from backup');
    expect(routingDecisionOf(response)).toMatchObject({
      deployment: 'backup/mid',
      failovers: [{ deployment: 'acme/mid', error: 'provider_unavailable' }],
    });

    primary.reset({ error: { status: 400, message: 'bad request' } });
    backup.reset();
    await expect(client.chat(userRequest('hi'))).rejects.toMatchObject({ code: 'invalid_request' });
    expect(backup.calls).toHaveLength(0);
  });

  it('fails a stream over before its first event, never after text was delivered', async () => {
    const primary = createMockProvider({ name: 'acme', responses: { error: { status: 503 } } });
    const backup = createMockProvider({ name: 'backup', responses: { text: 'backup stream' } });
    const router = createRouter({
      routes: {
        auto: {
          candidates: [
            {
              model: 'acme/mid',
              deployments: [{ model: 'acme/mid' }, { model: 'backup/mid', weight: 0 }],
            },
          ],
        },
      },
    });
    const client = createClient({ providers: [primary, backup], middleware: [router] });
    const stream = client.stream(userRequest('hi'));
    let text = '';
    for await (const delta of stream.textStream) text += delta;
    expect(text).toBe('backup stream');
    expect(routingDecisionOf(await stream.finalResponse())?.failovers).toHaveLength(1);

    primary.reset({ error: { status: 503 }, text: 'partial answer', afterChunks: 1 });
    backup.reset();
    const cut = client.stream(userRequest('hi'));
    await expect(
      (async () => {
        for await (const _ of cut.textStream) {
          // drain
        }
      })(),
    ).rejects.toMatchObject({ code: 'provider_unavailable' });
    expect(backup.calls).toHaveLength(0);
  });

  it('moves to another deployment once one has used its requests per minute', async () => {
    const acme = createMockProvider({ name: 'acme', responses: { text: 'a' } });
    const backup = createMockProvider({ name: 'backup', responses: { text: 'b' } });
    const router = createRouter({
      routes: {
        auto: {
          candidates: [
            {
              model: 'acme/mid',
              deployments: [
                { model: 'acme/mid', rpm: 2 },
                { model: 'backup/mid', weight: 0, rpm: 1 },
              ],
            },
          ],
        },
      },
    });
    const client = createClient({ providers: [acme, backup], middleware: [router] });
    const served = [];
    for (let call = 0; call < 3; call += 1)
      served.push((await client.chat(userRequest('hi'))).modelId);
    expect(served).toEqual(['acme/mid', 'acme/mid', 'backup/mid']);
    expect(() => router.decide(userRequest('hi'))).toThrow(/RPM\/TPM/);
  });

  it('least-busy sends a call to the idle deployment while another call is in flight', async () => {
    const releases: Array<() => void> = [];
    const held = (): Promise<MockResponse> =>
      new Promise((resolve) => {
        releases.push(() => resolve({ text: 'done' }));
      });
    const east = createMockProvider({ name: 'east', responses: held });
    const west = createMockProvider({ name: 'west', responses: held });
    const router = createRouter({
      routes: {
        auto: {
          balance: 'least-busy',
          candidates: [
            { model: 'acme/mid', deployments: [{ model: 'east/mid' }, { model: 'west/mid' }] },
          ],
        },
      },
    });
    const client = createClient({ providers: [east, west], middleware: [router] });
    const rounds = 20;
    for (let round = 0; round < rounds; round += 1) {
      const first = client.chat(userRequest('one'));
      await waitFor(() => releases.length === 1);
      const second = client.chat(userRequest('two'));
      await waitFor(() => releases.length === 2);
      // Each of the two concurrent calls went to a different deployment.
      expect(east.calls.length + west.calls.length).toBe(2 * (round + 1));
      expect(Math.abs(east.calls.length - west.calls.length)).toBe(0);
      for (const release of releases.splice(0)) release();
      const served = [(await first).modelId, (await second).modelId].sort();
      expect(served).toEqual(['east/mid', 'west/mid']);
    }
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 1_000 && !condition(); turn += 1)
    await new Promise((resolve) => setImmediate(resolve));
  expect(condition()).toBe(true);
}
