import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '@stratum/core';
import {
  type OpenAISimulator,
  type RedisServer,
  startOpenAISimulator,
  startRedisServer,
} from '@stratum/testing';
import { createSqliteStore } from '@stratum/tracker';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureGateway } from '../src/cli/configure-gateway.js';
import { parseGatewayConfig } from '../src/cli/gateway-config.js';
import { runGatewayCommand } from '../src/cli/run-gateway-command.js';
import { createGateway, hashGatewayKey } from '../src/index.js';

const EXAMPLE = new URL('../examples/stratum-gateway.json', import.meta.url);
const GATEWAY_KEY = 'sgw-config-file-41c7e9d2b05a';
let simulator: OpenAISimulator;
let redis: RedisServer;
let directory: string;

beforeAll(async () => {
  [simulator, redis] = await Promise.all([startOpenAISimulator(), startRedisServer()]);
  directory = await mkdtemp(join(tmpdir(), 'stratum-gateway-config-'));
});
afterAll(async () => {
  await Promise.all([simulator?.close(), redis?.close()]);
  if (directory) await rm(directory, { recursive: true, force: true });
});

describe('the example config file', () => {
  it('parses and builds a gateway with its routes, keys and budgets', async () => {
    const config = parseGatewayConfig(await readFile(EXAMPLE, 'utf8'), 'stratum-gateway.json');
    // The example keeps records in ./stratum-usage.db; the test keeps them in its own folder.
    config.tracker = { store: 'sqlite', path: join(directory, 'example.db') };
    const configured = await configureGateway(config, 'stratum-gateway.json', {
      OPENAI_API_KEY: 'sk-example-openai',
      ANTHROPIC_API_KEY: 'sk-ant-example',
      GEMINI_API_KEY: 'example-gemini',
      SEARCH_TEAM_GATEWAY_KEY: GATEWAY_KEY,
      REDIS_URL: redis.url,
    });
    try {
      const app = createGateway(configured.options);
      const headers = { authorization: `Bearer ${GATEWAY_KEY}` };
      const models = await app.request('/v1/models', { headers });
      expect(models.status).toBe(200);
      const ids = (await models.json()).data.map((model: { id: string }) => model.id);
      expect(ids).toEqual(expect.arrayContaining(['auto', 'cheap']));
      const stats = await (await app.request('/api/stats', { headers })).json();
      expect(stats.budgets.map((row: { name: string }) => row.name)).toEqual(
        expect.arrayContaining(['daily', 'key:search-team']),
      );
      expect((await app.request('/v1/models')).status).toBe(401);
    } finally {
      await configured.close();
    }
  });
});

describe('a config file gateway', () => {
  it('routes, falls back, caches and keeps its records in SQLite', async () => {
    const database = join(directory, 'usage.db');
    const path = join(directory, 'served.json');
    await writeFile(
      path,
      JSON.stringify({
        port: 0,
        providers: [
          { vendor: 'openai', apiKeyEnv: 'TEST_UPSTREAM_KEY', baseURL: simulator.baseURL },
        ],
        routes: {
          cheap: { strategy: 'cost', candidates: ['openai/gpt-4.1', 'openai/gpt-4.1-mini'] },
        },
        fallbacks: { 'openai/gpt-4.1': ['openai/gpt-4.1-mini'] },
        retry: false,
        cache: { store: 'memory', ttlMs: 60_000 },
        tracker: { store: 'sqlite', path: database },
        keys: [{ id: 'tester', keyHash: hashGatewayKey(GATEWAY_KEY) }],
      }),
    );
    const served = await runGatewayCommand(['--config', path], {
      environment: { TEST_UPSTREAM_KEY: 'sk-test-config-upstream' },
      log: () => {},
    });
    if (!served) throw new Error('expected the gateway to be served');
    try {
      const sdk = new OpenAI({ apiKey: GATEWAY_KEY, baseURL: `${served.url}/v1`, maxRetries: 0 });
      const ask = (model: string, content: string) =>
        sdk.chat.completions
          .create({ model, messages: [{ role: 'user', content }] })
          .withResponse();

      const routed = await ask('cheap', 'Which is cheaper?');
      expect(routed.response.headers.get('x-stratum-route')).toBe('cheap');
      expect(routed.response.headers.get('x-stratum-model')).toBe('openai/gpt-4.1-mini');

      simulator.enqueue({ kind: 'error', status: 500 });
      const before = simulator.requests.length;
      const fellBack = await ask('openai/gpt-4.1', 'Fall back, please');
      expect(fellBack.response.headers.get('x-stratum-model')).toBe('openai/gpt-4.1-mini');
      const sent = simulator.requests
        .slice(before)
        .map((request) => Reflect.get(Object(request.body), 'model'));
      expect(sent).toEqual(['gpt-4.1', 'gpt-4.1-mini']);

      const cachedBefore = simulator.requests.length;
      const first = await ask('openai/gpt-4.1-mini', 'Cache me');
      const again = await ask('openai/gpt-4.1-mini', 'Cache me');
      expect(simulator.requests.length).toBe(cachedBefore + 1);
      expect(again.data.choices[0]?.message.content).toBe(first.data.choices[0]?.message.content);
    } finally {
      await served.close();
    }
    // The tracker was flushed on close: the records are in the file for the next start.
    const store = createSqliteStore({ path: database });
    try {
      const page = await store.list({ limit: 100 });
      expect(page.records.length).toBe(4);
      expect(page.records.filter((record) => record.cacheHit)).toHaveLength(1);
      expect(page.records.every((record) => record.tags['apiKeyId'] === 'tester')).toBe(true);
    } finally {
      await store.close();
    }
  });
});

describe('bad config fields', () => {
  const provider = { vendor: 'openai' };
  const parse = (config: Record<string, unknown>) => () =>
    parseGatewayConfig(JSON.stringify({ providers: [provider], ...config }), 'gw.json');

  it.each([
    [{ rout: {} }, /"rout" is not a known field/],
    [
      { routes: { auto: { strategy: 'cheapest' } } },
      /"routes\.auto\.strategy" must be one of cost, quality/,
    ],
    [
      { routes: { auto: { strategy: 'threshold', threshold: { tiers: ['openai/gpt-4.1'] } } } },
      /"routes\.auto\.threshold\.tiers" needs at least two tiers, weakest first/,
    ],
    [
      { fallbacks: { 'openai/gpt-4.1': [] } },
      /"fallbacks\.openai\/gpt-4\.1" must list at least one of fallback models/,
    ],
    [{ retry: { maxAttempts: 'three' } }, /"retry" must be false \(no retries\) or/],
    [
      { circuitBreaker: { failureThreshold: 0 } },
      /"circuitBreaker\.failureThreshold" must be 1 or more, e\.g\. 5/,
    ],
    [
      { cache: { store: 'redis' } },
      /"cache\.store" is "redis" but the file has no "redis" section/,
    ],
    [
      { rateLimit: { requestsPerMinute: -5 } },
      /"rateLimit\.requestsPerMinute" must be above 0, e\.g\. 500/,
    ],
    [
      { tracker: { store: 'postgres' } },
      /"tracker\.store" must be "memory" or "sqlite" \(with "path": /,
    ],
    [
      { budgets: [{ limitUsd: 5, period: 'yearly' }] },
      /"budgets\.0\.period" must be "day", "week", "month", "total"/,
    ],
    [
      { budgets: [{ limitUsd: -1, period: 'day' }] },
      /"budgets\.0\.limitUsd" must be 0 or more US dollars/,
    ],
    [{ budgets: [{ period: 'day' }] }, /"budgets\.0\.limitUsd" is missing: add it/],
    [{ keys: [{ id: 'a', keyHash: 'abc' }] }, /"keys\.0\.keyHash" must be the 64 hex characters/],
    [
      { keys: [{ id: 'a', keyHash: hashGatewayKey('x'), keyEnv: 'A_KEY' }] },
      /"keys\.0" \(a\) needs exactly one of "keyHash"/,
    ],
    [
      {
        keys: [
          { id: 'a', keyEnv: 'A_KEY' },
          { id: 'a', keyEnv: 'B_KEY' },
        ],
      },
      /"keys\.1\.id" "a" is the id of another key too/,
    ],
    [
      { keys: [{ id: 'a', keyEnv: 'A_KEY', rateLimit: { requestsPerMinute: 0 } }] },
      /"keys\.0\.rateLimit\.requestsPerMinute" must be above 0/,
    ],
    [{ redis: {} }, /"redis" needs exactly one of "url"/],
    [{ redis: { url: 'http://127.0.0.1:6379' } }, /"redis\.url" must be a Redis URL/],
  ])('%j is refused naming the field', (config, message) => {
    expect(parse(config)).toThrow(ConfigurationError);
    expect(parse(config)).toThrow(message);
  });

  it('refuses a secret in the file without repeating it', () => {
    const secret = 'sgw-literal-key-in-file-0a9b8c';
    const literal = parse({ keys: [{ id: 'a', key: secret }] });
    expect(literal).toThrow(
      /"keys\.0\.key" is not allowed: the file must hold no secret; use keyEnv/,
    );
    const password = parse({ redis: { url: `redis://user:${secret}@127.0.0.1:6379` } });
    expect(password).toThrow(/"redis\.url" holds a password: .* "urlEnv"/);
    for (const call of [literal, password]) {
      try {
        call();
      } catch (error) {
        expect(String(error)).not.toContain(secret);
      }
    }
  });

  it('names an unset key or Redis variable, and a route the router refuses', async () => {
    const config = (extra: Record<string, unknown>) =>
      parseGatewayConfig(
        JSON.stringify({ providers: [{ vendor: 'openai', apiKeyEnv: 'UP' }], ...extra }),
        'gw.json',
      );
    const environment = { UP: 'sk-test-up' };
    await expect(
      configureGateway(
        config({ keys: [{ id: 'a', keyEnv: 'TEST_UNSET_KEY' }] }),
        'gw.json',
        environment,
      ),
    ).rejects.toThrow(/"keys\.0\.keyEnv" names \$TEST_UNSET_KEY, which is not set/);
    await expect(
      configureGateway(config({ redis: { urlEnv: 'TEST_UNSET_REDIS' } }), 'gw.json', environment),
    ).rejects.toThrow(/"redis\.urlEnv" names \$TEST_UNSET_REDIS, which is not set/);
    await expect(
      configureGateway(
        config({
          routes: { auto: { strategy: 'threshold', candidates: ['openai/gpt-4.1-mini'] } },
        }),
        'gw.json',
        environment,
      ),
    ).rejects.toThrow(/^gw\.json: .*auto/);
  });
});

describe('the README', () => {
  it('shows the example config file as it is committed', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const block = /which the tests load:\s*```json\n([\s\S]*?)\n```/.exec(readme);
    expect(block?.[1]).toBeDefined();
    expect(JSON.parse(block?.[1] ?? '')).toEqual(JSON.parse(await readFile(EXAMPLE, 'utf8')));
  });
});

describe('readiness with a shared Redis', () => {
  it('answers /ready 503 naming redis once the Redis it shares state through is gone', async () => {
    const ownRedis = await startRedisServer();
    const configured = await configureGateway(
      parseGatewayConfig(
        JSON.stringify({
          providers: [
            { vendor: 'openai', apiKeyEnv: 'TEST_UPSTREAM_KEY', baseURL: simulator.baseURL },
          ],
          redis: { urlEnv: 'TEST_REDIS_URL' },
        }),
        'gw.json',
      ),
      'gw.json',
      { TEST_UPSTREAM_KEY: 'sk-upstream-ready', TEST_REDIS_URL: ownRedis.url },
    );
    try {
      const app = createGateway(configured.options);
      const up = await app.request('/ready');
      expect(up.status).toBe(200);
      expect((await up.json()).checks).toMatchObject({ providers: 'ok', redis: 'ok' });
      await ownRedis.close();
      const down = await app.request('/ready');
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ status: 'not-ready', checks: { redis: 'failed' } });
    } finally {
      await configured.close();
      await ownRedis.close();
    }
  });
});
