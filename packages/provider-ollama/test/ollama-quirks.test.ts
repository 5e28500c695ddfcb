import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createClient,
  InvalidRequestError,
  ModelNotFoundError,
  ProviderUnavailableError,
} from '@stratum/core';
import { type OpenAISimulator, startOllamaSimulator } from '@stratum/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createOllama, normalizeOllamaHost } from '../src/index.js';

let simulator: OpenAISimulator;
let closedPort: number;
const client = () => createClient({ providers: [createOllama({ host: simulator.origin })] });
const ask = (model: string) => ({ model, messages: [{ role: 'user' as const, content: 'hi' }] });

beforeAll(async () => {
  simulator = await startOllamaSimulator();
  // A port nothing listens on: open a server, note its port, close it.
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  closedPort = (server.address() as AddressInfo).port;
  server.close();
  await once(server, 'close');
});
beforeEach(() => simulator.reset());
afterEach(() => vi.unstubAllEnvs());
afterAll(() => simulator.close());

describe('local models cost a real $0', () => {
  it('prices a model the catalog does not list at exactly $0, with no unknown-price warning', async () => {
    simulator.enqueue({
      kind: 'reply',
      reply: { text: 'Local answer.', usage: { inputTokens: 1_200, outputTokens: 300 } },
    });
    const local = client();
    const response = await local.chat(ask('ollama/qwen3:8b'));
    expect(local.resolveModel('ollama/qwen3:8b').info).toMatchObject({
      id: 'ollama/qwen3:8b',
      local: true,
      pricing: { input: 0, output: 0 },
    });
    expect(response.usage).toMatchObject({
      inputTokens: 1_200,
      outputTokens: 300,
      totalTokens: 1_500,
    });
    // 1,200 × $0/M + 300 × $0/M = $0: a real zero, not an unknown price.
    expect(response.cost).toEqual({
      currency: 'USD',
      input: 0,
      cacheRead: 0,
      cacheWrite: 0,
      output: 0,
      reasoning: 0,
      total: 0,
      source: 'catalog',
    });
    expect(response.warnings).toEqual([]);
  });

  it('streams with usage and the same $0', async () => {
    simulator.enqueue({
      kind: 'reply',
      reply: { text: 'one two three', usage: { inputTokens: 10, outputTokens: 3 } },
    });
    const response = await client().stream(ask('ollama/qwen3:8b')).finalResponse();
    expect(response.text).toBe('one two three');
    expect(response.usage).toMatchObject({ inputTokens: 10, outputTokens: 3 });
    expect(response.cost?.total).toBe(0);
    expect(simulator.requests[0]?.body).toMatchObject({ stream_options: { include_usage: true } });
  });

  it('sends no key and talks to the /v1 API', async () => {
    simulator.enqueue({ kind: 'reply', reply: { text: 'ok' } });
    await client().chat({ ...ask('ollama/qwen3:8b'), maxOutputTokens: 32, seed: 7 });
    const request = simulator.requests[0];
    expect(request?.url).toBe('/v1/chat/completions');
    expect(request?.headers['authorization']).toBeUndefined();
    expect(request?.body).toMatchObject({ model: 'qwen3:8b', max_tokens: 32, seed: 7 });
  });
});

describe('listLocalModels', () => {
  it('lists the pulled models from /api/tags', async () => {
    const models = await createOllama({ host: simulator.origin }).listLocalModels();
    expect(models).toEqual([
      {
        name: 'llama3.2:latest',
        size: 2_019_393_189,
        modifiedAt: '2025-10-01T12:00:00.000000000Z',
        family: 'llama',
        parameterSize: '3.2B',
        quantizationLevel: 'Q4_K_M',
      },
      expect.objectContaining({ name: 'qwen3:8b', parameterSize: '8.2B' }),
    ]);
    expect(simulator.requests.at(-1)?.url).toBe('/api/tags');
  });
});

describe('when Ollama is not running', () => {
  const down = () => createOllama({ host: `http://127.0.0.1:${closedPort}` });

  it('says so, with the address and how to start it, for chat, stream and the model list', async () => {
    const provider = down();
    const failures = [
      await createClient({ providers: [provider] })
        .chat(ask('ollama/llama3.2'))
        .catch((caught: unknown) => caught),
      await createClient({ providers: [provider] })
        .stream(ask('ollama/llama3.2'))
        .finalResponse()
        .catch((caught: unknown) => caught),
      await provider.listLocalModels().catch((caught: unknown) => caught),
    ];
    for (const error of failures) {
      expect(error).toBeInstanceOf(ProviderUnavailableError);
      expect(String(error)).toContain(`Ollama is not running at http://127.0.0.1:${closedPort}`);
      expect(String(error)).toContain('ollama serve');
    }
  });
});

describe('errors and settings', () => {
  it('tells how to pull a model Ollama does not have', async () => {
    simulator.enqueue({ kind: 'error', status: 404 });
    const error = await client()
      .chat(ask('ollama/llama9'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelNotFoundError);
    expect(String(error)).toContain('model "llama9" not found, try pulling it first');
    expect(String(error)).toContain('ollama pull llama9');
  });

  it('refuses image URLs before sending anything: Ollama takes base64 only', async () => {
    const error = await client()
      .chat({
        model: 'ollama/llava',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' } },
            ],
          },
        ],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(String(error)).toContain('base64');
    expect(simulator.requests).toHaveLength(0);
  });

  it('reads OLLAMA_HOST at the first call', async () => {
    vi.stubEnv('OLLAMA_HOST', simulator.origin.replace('http://', ''));
    const provider = createOllama();
    simulator.enqueue({ kind: 'reply', reply: { text: 'from OLLAMA_HOST' } });
    const response = await createClient({ providers: [provider] }).chat(ask('ollama/qwen3:8b'));
    expect(response.text).toBe('from OLLAMA_HOST');
    expect(provider.host()).toBe(simulator.origin);
  });

  it('defaults to http://localhost:11434/v1 without OLLAMA_HOST', async () => {
    vi.stubEnv('OLLAMA_HOST', '');
    const urls: string[] = [];
    const recordingFetch: typeof fetch = async (input) => {
      urls.push(input instanceof Request ? input.url : String(input));
      const completion = {
        choices: [
          { index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' },
        ],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      };
      return new Response(JSON.stringify(completion), {
        headers: { 'content-type': 'application/json' },
      });
    };
    await createClient({ providers: [createOllama({ fetch: recordingFetch })] }).chat(
      ask('ollama/llama3.2'),
    );
    expect(urls).toEqual(['http://localhost:11434/v1/chat/completions']);
  });

  it('reads hosts the way the Ollama CLI does', () => {
    expect(normalizeOllamaHost('localhost')).toBe('http://localhost:11434');
    expect(normalizeOllamaHost('0.0.0.0:11434')).toBe('http://127.0.0.1:11434');
    expect(normalizeOllamaHost('https://ollama.example.com/')).toBe('https://ollama.example.com');
    expect(normalizeOllamaHost('http://gpu-box:8080')).toBe('http://gpu-box:8080');
  });
});
