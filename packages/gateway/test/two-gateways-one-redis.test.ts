import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type OpenAISimulator,
  type RedisServer,
  startOpenAISimulator,
  startRedisServer,
} from '@stratum/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayProcess, startGatewayProcess } from './support/gateway-process.js';

const UPSTREAM_KEY = 'sk-test-two-gateways-upstream';
const KEYS = {
  budgeted: 'sgw-two-budgeted-3b9c2f71d0a4e8',
  limited: 'sgw-two-limited-7e1d04c9a2b6f3',
  caller: 'sgw-two-caller-52a8e6f1c9d30b',
};
const BUDGET_PICODOLLARS = 10_000_000_000; // $0.01
const RATE_PER_MINUTE = 3;
// gpt-4.1-mini at $0.40 in and $1.60 out per million tokens: 1 in and 1,000 out is $0.0016004.
// The reply never passes max_tokens, so the budget's reservation covers each call's real cost.
const CALL_PICODOLLARS = 1_600_400_000;
const MAX_TOKENS = 1_000;

let redis: RedisServer;
let simulator: OpenAISimulator;
let directory: string;
let gateways: GatewayProcess[] = [];
let gatewayA: GatewayProcess;
let gatewayB: GatewayProcess;

beforeAll(async () => {
  [redis, simulator] = await Promise.all([
    startRedisServer(),
    startOpenAISimulator({
      defaultReply: () => ({ text: 'ok', usage: { inputTokens: 1, outputTokens: MAX_TOKENS } }),
    }),
  ]);
  directory = await mkdtemp(join(tmpdir(), 'stratum-two-gateways-'));
  const configPath = join(directory, 'stratum-gateway.json');
  await writeFile(
    configPath,
    JSON.stringify({
      port: 0,
      providers: [{ vendor: 'openai', apiKeyEnv: 'TEST_UPSTREAM_KEY', baseURL: simulator.baseURL }],
      retry: false,
      // Open after two failures and stay open for the whole run.
      circuitBreaker: { failureThreshold: 2, windowMs: 600_000, cooldownMs: 600_000 },
      cache: { ttlMs: 600_000 },
      keys: [
        {
          id: 'budgeted',
          keyEnv: 'TEST_KEY_BUDGETED',
          budget: { limitUsd: BUDGET_PICODOLLARS / 1e12, period: 'day' },
        },
        {
          id: 'limited',
          keyEnv: 'TEST_KEY_LIMITED',
          rateLimit: { requestsPerMinute: RATE_PER_MINUTE },
        },
        { id: 'caller', keyEnv: 'TEST_KEY_CALLER' },
      ],
      redis: { urlEnv: 'TEST_REDIS_URL', prefix: 'two-gateways:' },
    }),
  );
  const environment = {
    TEST_UPSTREAM_KEY: UPSTREAM_KEY,
    TEST_KEY_BUDGETED: KEYS.budgeted,
    TEST_KEY_LIMITED: KEYS.limited,
    TEST_KEY_CALLER: KEYS.caller,
    TEST_REDIS_URL: redis.url,
  };
  const started = await Promise.allSettled([
    startGatewayProcess(configPath, environment),
    startGatewayProcess(configPath, environment),
  ]);
  gateways = started.flatMap((each) => (each.status === 'fulfilled' ? [each.value] : []));
  for (const each of started) if (each.status === 'rejected') throw each.reason;
  [gatewayA, gatewayB] = gateways as [GatewayProcess, GatewayProcess];
});

afterAll(async () => {
  const codes = await Promise.all(gateways.map((gateway) => gateway.stop()));
  await Promise.all([simulator?.close(), redis?.close()]);
  if (directory) await rm(directory, { recursive: true, force: true });
  // A graceful shutdown (tracker flushed, Redis quit) exits 0.
  expect(codes.every((code) => code === 0)).toBe(true);
});

function sdk(gateway: GatewayProcess, key: string): OpenAI {
  return new OpenAI({ apiKey: key, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
}

/** A prompt no other call sends, so the shared cache cannot answer it. */
function fresh(model = 'openai/gpt-4.1-mini') {
  return {
    model,
    max_tokens: MAX_TOKENS,
    messages: [{ role: 'user' as const, content: `Say ok (${crypto.randomUUID()})` }],
  };
}

async function statusOf(call: Promise<unknown>): Promise<{ status: number; type?: string }> {
  try {
    await call;
    return { status: 200 };
  } catch (error) {
    if (error instanceof OpenAI.APIError) return { status: error.status ?? 0, type: error.type };
    throw error;
  }
}

interface CallRow {
  tags: Record<string, string>;
  cost: { total: number };
  cacheHit: boolean;
  errorClass?: string;
}

async function callsOf(gateway: GatewayProcess): Promise<CallRow[]> {
  const response = await fetch(`${gateway.url}/api/calls?limit=1000`, {
    headers: { authorization: `Bearer ${KEYS.caller}` },
  });
  expect(response.status).toBe(200);
  const body: { calls: CallRow[] } = await response.json();
  return body.calls;
}

describe('two gateway processes behind one Redis', () => {
  it('share a key budget: spend on one counts on the other, and neither passes the limit', async () => {
    const before = simulator.requests.length;
    // Ten calls at once, alternating gateways: the shared counter lets through only what fits.
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        statusOf(
          sdk(index % 2 === 0 ? gatewayA : gatewayB, KEYS.budgeted).chat.completions.create(
            fresh(),
          ),
        ),
      ),
    );
    const allowed = results.filter((result) => result.status === 200).length;
    expect(allowed).toBe(Math.floor(BUDGET_PICODOLLARS / CALL_PICODOLLARS));
    for (const result of results.filter((each) => each.status !== 200))
      expect(result).toEqual({ status: 429, type: 'insufficient_quota' });
    expect(simulator.requests.length - before).toBe(allowed);
    // Once spent, both refuse, before calling the vendor.
    for (const gateway of [gatewayA, gatewayB]) {
      expect(await statusOf(sdk(gateway, KEYS.budgeted).chat.completions.create(fresh()))).toEqual({
        status: 429,
        type: 'insufficient_quota',
      });
    }
    expect(simulator.requests.length - before).toBe(allowed);
    const recorded = [...(await callsOf(gatewayA)), ...(await callsOf(gatewayB))].filter(
      (row) => row.tags['apiKeyId'] === 'budgeted',
    );
    const spent = recorded.reduce((sum, row) => sum + row.cost.total, 0);
    expect(spent).toBe(allowed * CALL_PICODOLLARS);
    expect(spent).toBeLessThanOrEqual(BUDGET_PICODOLLARS);
  });

  it("share a key's rate limit: N calls a minute across both, then 429 on either", async () => {
    const order = [gatewayA, gatewayB, gatewayA];
    const statuses: number[] = [];
    for (const gateway of order) {
      statuses.push((await statusOf(sdk(gateway, KEYS.limited).models.list())).status);
    }
    expect(statuses).toEqual(Array.from({ length: RATE_PER_MINUTE }, () => 200));
    for (const gateway of [gatewayB, gatewayA]) {
      expect(await statusOf(sdk(gateway, KEYS.limited).models.list())).toEqual({
        status: 429,
        type: 'rate_limit_error',
      });
    }
    // Another key is not limited by it.
    expect((await statusOf(sdk(gatewayB, KEYS.caller).models.list())).status).toBe(200);
  });

  it('share circuit breakers: a circuit opened through A refuses on B without calling the vendor', async () => {
    const model = 'openai/gpt-4o-mini';
    simulator.enqueue({ kind: 'error', status: 500 }, { kind: 'error', status: 500 });
    for (let failure = 0; failure < 2; failure += 1) {
      expect(
        (await statusOf(sdk(gatewayA, KEYS.caller).chat.completions.create(fresh(model)))).status,
      ).toBe(502);
    }
    const before = simulator.requests.length;
    const refused = await sdk(gatewayB, KEYS.caller)
      .chat.completions.create(fresh(model))
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OpenAI.APIError);
    expect(refused).toMatchObject({ status: 503 });
    expect(simulator.requests.length).toBe(before);
    // Other models keep their own closed circuits.
    const other = await sdk(gatewayB, KEYS.caller).chat.completions.create(fresh());
    expect(other.choices[0]?.message.content).toBe('ok');
    expect(simulator.requests.length).toBe(before + 1);
  });

  it('share the response cache: A calls the vendor, B answers the same request from the cache', async () => {
    const request = fresh();
    const before = simulator.requests.length;
    const first = await sdk(gatewayA, KEYS.caller).chat.completions.create(request).withResponse();
    expect(simulator.requests.length).toBe(before + 1);
    expect(Number(first.response.headers.get('x-stratum-cost-usd'))).toBeGreaterThan(0);
    const second = await sdk(gatewayB, KEYS.caller).chat.completions.create(request).withResponse();
    expect(simulator.requests.length).toBe(before + 1);
    expect(second.data.choices[0]?.message.content).toBe(first.data.choices[0]?.message.content);
    expect(Number(second.response.headers.get('x-stratum-cost-usd'))).toBe(0);
    const [newest] = await callsOf(gatewayB);
    expect(newest).toMatchObject({ cacheHit: true, tags: { apiKeyId: 'caller' } });
  });

  it('keep every key out of what they print', () => {
    const printed = gateways.map((gateway) => gateway.output()).join('\n');
    expect(printed).toContain('shared through Redis');
    for (const secret of [UPSTREAM_KEY, ...Object.values(KEYS)])
      expect(printed).not.toContain(secret);
  });
});
