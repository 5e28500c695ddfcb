import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createClient } from '@stratum/core';
import { createOpenAI } from '@stratum/provider-openai';
import { type OpenAISimulator, startOpenAISimulator } from '@stratum/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../src/create-gateway.js';

let simulator: OpenAISimulator;
let server: ReturnType<typeof serve>;
let sdk: OpenAI;

beforeAll(async () => {
  simulator = await startOpenAISimulator();
  const client = createClient({
    providers: [createOpenAI({ apiKey: 'sk-test-upstream-key', baseURL: simulator.baseURL })],
  });
  const app = createGateway({ client, maxBodyBytes: 64 * 1024 });
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  sdk = new OpenAI({ apiKey: 'unused', baseURL: `http://127.0.0.1:${port}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await simulator.close();
});

describe('POST /v1/chat/completions through the official openai SDK', () => {
  it('answers a chat with the cost header', async () => {
    simulator.enqueue({
      kind: 'reply',
      reply: { text: 'Hello there', usage: { inputTokens: 10, outputTokens: 2 } },
    });
    const { data, response } = await sdk.chat.completions
      .create({ model: 'openai/gpt-4.1-mini', messages: [{ role: 'user', content: 'Hi' }] })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe('Hello there');
    expect(data.usage?.prompt_tokens).toBe(10);
    expect(response.headers.get('x-stratum-provider')).toBe('openai');
    // gpt-4.1-mini: $0.40 in, $1.60 out per million: 10 × 0.4 + 2 × 1.6 = 7.2 µ$.
    expect(response.headers.get('x-stratum-cost-usd')).toBe('0.000007200000');
  });

  it('streams chunks with usage', async () => {
    simulator.enqueue({
      kind: 'reply',
      reply: { text: 'one two three', usage: { inputTokens: 5, outputTokens: 3 } },
    });
    const stream = await sdk.chat.completions.create({
      model: 'openai/gpt-4.1-mini',
      messages: [{ role: 'user', content: 'Count' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let chunks = 0;
    let usage: number | undefined;
    for await (const chunk of stream) {
      chunks += 1;
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage.completion_tokens;
    }
    expect(text).toBe('one two three');
    expect(chunks).toBeGreaterThan(3);
    expect(usage).toBe(3);
  });

  it('answers bad input with OpenAI error bodies', async () => {
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/v1/chat/completions`;
    const malformed = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"model":',
    });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.code).toBe('invalid_json');
    const wrongType = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(wrongType.status).toBe(415);
    await expect(
      sdk.chat.completions.create({ model: 'openai/gpt-4.1-mini', messages: [], n: 2 }),
    ).rejects.toMatchObject({ status: 400 });
  });
});

describe('GET /v1/models', () => {
  it('lists the configured models and names close ids for an unknown one', async () => {
    const page = await sdk.models.list();
    const ids = page.data.map((model) => model.id);
    expect(ids).toContain('openai/gpt-4.1-mini');
    expect(ids.every((id) => id.startsWith('openai/'))).toBe(true);
    const one = await sdk.models.retrieve('openai/gpt-4.1-mini');
    expect(one.owned_by).toBe('openai');
    const missing = await sdk.models.retrieve('openai/gpt-4.1-minii').catch((error) => error);
    expect(missing.status).toBe(404);
    expect(missing.message).toContain('openai/gpt-4.1-mini');
  });
});

describe('limits and /api/models', () => {
  it('refuses a body over the limit with 413', async () => {
    const { port } = server.address() as AddressInfo;
    const big = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'openai/gpt-4.1-mini',
        messages: [{ role: 'user', content: 'x'.repeat(100_000) }],
      }),
    });
    expect(big.status).toBe(413);
    expect((await big.json()).error.code).toBe('request_too_large');
  });

  it('refuses a chunked body (no content-length) with 413 once it passes the limit, unread', async () => {
    const { port } = server.address() as AddressInfo;
    const piece = Buffer.alloc(16 * 1024, 'x');
    const { status, sentBytes } = await new Promise<{ status: number; sentBytes: number }>(
      (resolve, reject) => {
        let sentBytes = 0;
        let answered = false;
        const upload = request(
          { host: '127.0.0.1', port, method: 'POST', path: '/v1/chat/completions' },
          (response) => {
            answered = true;
            response.resume();
            resolve({ status: response.statusCode ?? 0, sentBytes });
            upload.destroy();
          },
        );
        upload.setHeader('content-type', 'application/json');
        upload.on('error', (error) => {
          if (!answered) reject(error);
        });
        // Keeps sending (up to 64 MiB) until the gateway answers: it must not wait for the end.
        const sendMore = () => {
          while (!answered && sentBytes < 64 * 1024 * 1024) {
            sentBytes += piece.length;
            if (!upload.write(piece)) return upload.once('drain', sendMore);
          }
          if (!answered) upload.end();
        };
        sendMore();
      },
    );
    expect(status).toBe(413);
    expect(sentBytes).toBeLessThan(64 * 1024 * 1024);
  });

  it('lists models with prices and whether their provider is configured', async () => {
    const { port } = server.address() as AddressInfo;
    const body = await (await fetch(`http://127.0.0.1:${port}/api/models`)).json();
    const mini = body.models.find((model: { id: string }) => model.id === 'openai/gpt-4.1-mini');
    expect(mini).toMatchObject({ provider: 'openai', configured: true, inputUsdPerMillion: 0.4 });
    const claude = body.models.find(
      (model: { provider: string }) => model.provider === 'anthropic',
    );
    expect(claude.configured).toBe(false);
    const providers = await (await fetch(`http://127.0.0.1:${port}/api/models/providers`)).json();
    expect(providers.providers).toEqual([{ name: 'openai', configured: true, mode: 'live' }]);
  });
});

describe('POST /api/models/generate', () => {
  it('takes a Stratum request and answers the response with its cost as Money', async () => {
    const { port } = server.address() as AddressInfo;
    simulator.enqueue({
      kind: 'reply',
      reply: { text: 'Hi!', usage: { inputTokens: 10, outputTokens: 2 } },
    });
    const answer = await fetch(`http://127.0.0.1:${port}/api/models/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'openai/gpt-4.1-mini',
        messages: [{ role: 'user', content: 'Hi' }],
      }),
    });
    const body = await answer.json();
    expect(body.requestId).toBe(answer.headers.get('x-stratum-request-id'));
    expect(body.response.text).toBe('Hi!');
    expect(body.response.cost).toEqual({ usd: 0.0000072, picodollars: '7200000' });
    const invalid = await fetch(`http://127.0.0.1:${port}/api/models/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai/gpt-4.1-mini', messages: 'nope' }),
    });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error.message).toContain('messages');
  });
});

describe('POST /api/models/stream', () => {
  it('sends each Stratum event, then done with usage and cost', async () => {
    const { port } = server.address() as AddressInfo;
    simulator.enqueue({
      kind: 'reply',
      reply: { text: 'a b', usage: { inputTokens: 10, outputTokens: 2 } },
    });
    const answer = await fetch(`http://127.0.0.1:${port}/api/models/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'openai/gpt-4.1-mini',
        messages: [{ role: 'user', content: 'Hi' }],
      }),
    });
    const text = await answer.text();
    expect(text).toContain('event: text-delta');
    const done = text.split('event: done\ndata: ')[1]?.split('\n')[0] ?? '{}';
    expect(JSON.parse(done)).toMatchObject({
      cost: { picodollars: '7200000' },
      provider: 'openai',
      finishReason: 'stop',
    });
  });
});
