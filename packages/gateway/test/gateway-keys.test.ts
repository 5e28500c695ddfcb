import { budget } from '@stratum/tracker';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashGatewayKey } from '../src/index.js';
import { type Harness, startHarness, UPSTREAM_KEYS } from './gateway-harness.js';

const ALICE_KEY = 'sgw-alice-9f8e7d6c5b4a39281706';
const BOB_KEY = 'sgw-bob-0a1b2c3d4e5f60718293';
const CAROL_KEY = 'sgw-carol-5566778899aabbccddee';
const DAVE_KEY = 'sgw-dave-00112233445566778899';
const WRONG_KEY = 'sgw-wrong-ffeeddccbbaa99887766';

let harness: Harness;
const seen: string[] = [];

beforeAll(async () => {
  harness = await startHarness(
    [
      { id: 'alice', keyHash: hashGatewayKey(ALICE_KEY), tags: ['team:search'] },
      { id: 'bob', key: BOB_KEY, allowedModels: ['openai/gpt-4.1-mini'] },
      { id: 'carol', key: CAROL_KEY },
      { id: 'dave', key: DAVE_KEY, rateLimit: { requestsPerMinute: 3 } },
    ],
    [
      // One limit per key, through the tag every call of a key carries.
      budget({ name: 'per-key', limitUsd: 0.06, period: 'day', scope: { tag: 'apiKeyId' } }),
    ],
  );
});
afterAll(async () => {
  await harness?.close();
});

function sdkWith(key: string): OpenAI {
  return new OpenAI({ apiKey: key, baseURL: `${harness.url}/v1`, maxRetries: 0 });
}

async function post(path: string, body: unknown, key?: string): Promise<Response> {
  const response = await fetch(`${harness.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(key === undefined ? {} : { authorization: `Bearer ${key}` }),
    },
    body: JSON.stringify(body),
  });
  seen.push(await response.clone().text());
  response.headers.forEach((value, name) => {
    seen.push(`${name}: ${value}`);
  });
  return response;
}

const hello = { model: 'openai/gpt-4.1-mini', messages: [{ role: 'user', content: 'Hi' }] };

describe('gateway API keys', () => {
  it('answers a missing or wrong key with 401 and an OpenAI error body', async () => {
    const missing = await post('/v1/chat/completions', hello);
    expect(missing.status).toBe(401);
    expect((await missing.json()).error).toMatchObject({
      type: 'authentication_error',
      code: 'invalid_api_key',
    });
    const wrong = await post('/v1/chat/completions', hello, WRONG_KEY);
    expect(wrong.status).toBe(401);
    const viaSdk = await sdkWith(WRONG_KEY)
      .chat.completions.create({
        model: 'openai/gpt-4.1-mini',
        messages: [{ role: 'user', content: 'Hi' }],
      })
      .catch((error: unknown) => error);
    expect(viaSdk).toBeInstanceOf(OpenAI.AuthenticationError);
    const stats = await fetch(`${harness.url}/api/stats`);
    expect(stats.status).toBe(401);
    expect(harness.openai.requests).toHaveLength(0);
    // Load balancers probe without a key.
    expect((await fetch(`${harness.url}/health`)).status).toBe(200);
    expect((await fetch(`${harness.url}/ready`)).status).toBe(200);
  });

  it('tracks each call with the key id and its tags', async () => {
    const { response } = await sdkWith(ALICE_KEY)
      .chat.completions.create({
        model: 'openai/gpt-4.1-mini',
        messages: [{ role: 'user', content: 'Hi' }],
        metadata: { apiKeyId: 'bob' },
      })
      .withResponse();
    expect(response.status).toBe(200);
    const requestId = response.headers.get('x-stratum-request-id') ?? '';
    const page = await harness.tracker.list({ filter: { tags: { requestId } } });
    // A caller's metadata cannot pose as another key.
    expect(page.records[0]?.tags).toMatchObject({ apiKeyId: 'alice', team: 'search' });
    const stream = await post(
      '/api/models/stream',
      { model: 'anthropic/claude-haiku-4-5', messages: [{ role: 'user', content: 'Hi' }] },
      BOB_KEY,
    );
    expect(stream.status).toBe(403);
    await post('/api/models/generate', hello, BOB_KEY);
    const bob = await harness.tracker.list({ filter: { tags: { apiKeyId: 'bob' } } });
    expect(bob.records).toHaveLength(1);
    const spend = await fetch(`${harness.url}/api/stats/spend?bucket=hour&groupBy=tag`, {
      headers: { authorization: `Bearer ${ALICE_KEY}` },
    });
    const groups = (await spend.json()).buckets.map((bucket: { group: string }) => bucket.group);
    expect(groups.sort()).toEqual(['alice', 'bob']);
  });

  it('refuses a model the key may not use with 403, before any vendor call', async () => {
    const before = harness.anthropic.requests.length;
    const refused = await sdkWith(BOB_KEY)
      .chat.completions.create({
        model: 'anthropic/claude-haiku-4-5',
        messages: [{ role: 'user', content: 'Hi' }],
      })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect((refused as InstanceType<typeof OpenAI.PermissionDeniedError>).code).toBe(
      'model_not_allowed',
    );
    const listed = await sdkWith(BOB_KEY).models.list();
    expect(listed.data.map((model) => model.id)).toEqual(['openai/gpt-4.1-mini']);
    const auto = await post('/api/route/decide', { ...hello, model: 'auto' }, BOB_KEY);
    expect(auto.status).toBe(403);
    expect(harness.anthropic.requests.length).toBe(before);
  });

  it('never shows a key in a response, an error, a record or a log line', async () => {
    harness.openai.enqueue({ kind: 'error', status: 401, message: 'Incorrect API key provided' });
    const upstreamFailure = await post('/v1/chat/completions', hello, ALICE_KEY);
    expect(upstreamFailure.status).toBe(502);
    await post('/api/models/test', { provider: 'google' }, ALICE_KEY);
    const calls = await fetch(`${harness.url}/api/calls`, {
      headers: { authorization: `Bearer ${ALICE_KEY}` },
    });
    seen.push(await calls.text());
    const csv = await fetch(`${harness.url}/api/calls.csv`, {
      headers: { authorization: `Bearer ${ALICE_KEY}` },
    });
    seen.push(await csv.text());
    const everything = [...seen, ...harness.logLines].join('\n');
    expect(harness.logLines.length).toBeGreaterThan(3);
    expect(everything).toContain('alice');
    for (const secret of [ALICE_KEY, BOB_KEY, WRONG_KEY, ...Object.values(UPSTREAM_KEYS)]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).not.toContain(hashGatewayKey(ALICE_KEY));
  });
  it('spends each key against its own budget', async () => {
    // gpt-4.1-mini at $0.40 in and $1.60 out per million: 10 in and 40,000 out are $0.064004,
    // over carol's $0.06 a day, though the call reserved only its max_tokens' worth.
    harness.openai.enqueue({
      kind: 'reply',
      reply: { text: 'long', usage: { inputTokens: 10, outputTokens: 40_000 } },
    });
    const first = await post('/v1/chat/completions', { ...hello, max_tokens: 100 }, CAROL_KEY);
    expect(first.status).toBe(200);
    const refused = await post('/v1/chat/completions', { ...hello, max_tokens: 100 }, CAROL_KEY);
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.type).toBe('insufficient_quota');
    const stats = await fetch(`${harness.url}/api/stats`, {
      headers: { authorization: `Bearer ${CAROL_KEY}` },
    });
    const rows = (await stats.json()).budgets.filter(
      (row: { name: string }) => row.name === 'per-key',
    );
    const carol = rows.find((row: { scope: string }) => row.scope.includes('carol'));
    expect(carol).toMatchObject({ alert: true, spent: { picodollars: '64004000000' } });
    expect(carol.percentUsed).toBeGreaterThan(100);
    const alice = rows.find((row: { scope: string }) => row.scope.includes('alice'));
    expect(alice).toMatchObject({ alert: false });
    expect(alice.percentUsed).toBeLessThan(1);
    // Another key still calls.
    expect((await post('/v1/chat/completions', hello, ALICE_KEY)).status).toBe(200);
  });

  it('limits a key to its calls per minute with 429 and retry-after', async () => {
    const models = (key: string) =>
      fetch(`${harness.url}/v1/models`, { headers: { authorization: `Bearer ${key}` } });
    const statuses: number[] = [];
    for (let call = 0; call < 3; call += 1) statuses.push((await models(DAVE_KEY)).status);
    expect(statuses).toEqual([200, 200, 200]);
    const limited = await models(DAVE_KEY);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await limited.json()).error).toMatchObject({
      type: 'rate_limit_error',
      code: 'rate_limit_exceeded',
    });
    expect((await models(ALICE_KEY)).status).toBe(200);
  });
});
