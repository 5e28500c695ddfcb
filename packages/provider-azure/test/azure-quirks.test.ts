import {
  ConfigurationError,
  ContentFilterError,
  createClient,
  RateLimitError,
  registerModel,
} from '@stratum/core';
import { type OpenAISimulator, startAzureSimulator } from '@stratum/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AzureProviderSettings } from '../src/index.js';
import { azure, createAzure } from '../src/index.js';

const API_KEY = 'azure-test-key-0123456789abcdef';
let simulator: OpenAISimulator;
const clientWith = (settings: AzureProviderSettings = {}) =>
  createClient({
    providers: [createAzure({ apiKey: API_KEY, endpoint: simulator.origin, ...settings })],
  });
const ask = (model: string) => ({ model, messages: [{ role: 'user' as const, content: 'hi' }] });
const lastBody = (): Record<string, unknown> => simulator.lastRequestBody();

beforeAll(async () => {
  simulator = await startAzureSimulator();
  // Azure's list price for gpt-4o (global standard), pinned: $2.50/M input, $1.25/M cached
  // input, $10/M output.
  registerModel({ id: 'azure/gpt-4o', pricing: { input: 2.5, cacheRead: 1.25, output: 10 } });
});
beforeEach(() => simulator.reset());
afterEach(() => vi.unstubAllEnvs());
afterAll(() => simulator.close());

describe('deployments, api-version and the key', () => {
  it('posts to the deployment with api-version, the key in the api-key header and never in the URL', async () => {
    simulator.enqueue({ kind: 'reply', reply: { text: 'ok' } });
    await clientWith().chat({ ...ask('azure/gpt-4o'), maxOutputTokens: 20 });
    const request = simulator.requests[0];
    expect(request?.url).toBe('/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21');
    expect(request?.url).not.toContain(API_KEY);
    expect(request?.headers['api-key']).toBe(API_KEY);
    expect(request?.headers['authorization']).toBeUndefined();
    expect(lastBody()['max_completion_tokens']).toBe(20);
  });

  it('prices a deployment as its base model, and sends the deployment name', async () => {
    simulator.enqueue({
      kind: 'reply',
      reply: {
        text: 'ok',
        usage: { inputTokens: 20_000, cacheReadTokens: 10_000, outputTokens: 2_000 },
      },
    });
    const client = clientWith({
      deployments: { 'prod-chat': 'gpt-4o' },
      apiVersion: '2025-04-01-preview',
    });
    expect(client.resolveModel('azure/prod-chat')).toMatchObject({
      id: 'azure/prod-chat',
      name: 'prod-chat',
      info: { pricing: { input: 2.5, cacheRead: 1.25, output: 10 } },
    });
    const response = await client.chat(ask('azure/prod-chat'));
    expect(simulator.requests[0]?.url).toBe(
      '/openai/deployments/prod-chat/chat/completions?api-version=2025-04-01-preview',
    );
    // uncached 10,000 × $2.50/M = $0.025; cached 10,000 × $1.25/M = $0.0125;
    // 2,000 × $10/M = $0.02; total $0.0575.
    expect(response.cost).toMatchObject({
      input: 0.025,
      cacheRead: 0.0125,
      output: 0.02,
      total: 0.0575,
    });
  });

  it("prices a deployment named after a model only OpenAI's entries list at OpenAI's price", () => {
    registerModel({ id: 'openai/gpt-house-1', pricing: { input: 1.1, output: 4.4 } });
    const resolved = clientWith().resolveModel('azure/gpt-house-1');
    expect(resolved).toMatchObject({
      id: 'azure/gpt-house-1',
      name: 'gpt-house-1',
      info: { id: 'azure/gpt-house-1', provider: 'azure', pricing: { input: 1.1, output: 4.4 } },
    });
  });

  it('treats a deployment of a reasoning model as one: no temperature', async () => {
    simulator.enqueue({ kind: 'reply', reply: { text: 'ok' } });
    const response = await clientWith({ deployments: { thinker: 'o3-mini' } }).chat({
      ...ask('azure/thinker'),
      temperature: 0.2,
      reasoning: { effort: 'low' },
    });
    expect(lastBody()).not.toHaveProperty('temperature');
    expect(lastBody()['reasoning_effort']).toBe('low');
    expect(response.warnings).toContainEqual(expect.objectContaining({ setting: 'temperature' }));
  });

  it('takes the endpoint with the /openai path, or a resource name', async () => {
    simulator.enqueue({ kind: 'reply', reply: { text: 'ok' } });
    await clientWith({ endpoint: `${simulator.origin}/openai/` }).chat(ask('azure/gpt-4o'));
    expect(simulator.requests[0]?.url).toBe(
      '/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21',
    );
    const urls: string[] = [];
    const recordingFetch: typeof fetch = async (input) => {
      urls.push(input instanceof Request ? input.url : String(input));
      return new Response(
        JSON.stringify({
          choices: [{ index: 0, message: { content: 'hi' }, finish_reason: 'stop' }],
          usage: {},
        }),
        { headers: { 'content-type': 'application/json' } },
      );
    };
    await createClient({
      providers: [createAzure({ resourceName: 'contoso', apiKey: API_KEY, fetch: recordingFetch })],
    }).chat(ask('azure/gpt-4o'));
    expect(urls).toEqual([
      'https://contoso.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21',
    ]);
  });

  it('reads AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_API_KEY at the first call', async () => {
    vi.stubEnv('AZURE_OPENAI_ENDPOINT', simulator.origin);
    vi.stubEnv('AZURE_OPENAI_API_KEY', API_KEY);
    simulator.enqueue({ kind: 'reply', reply: { text: 'from the environment' } });
    const response = await createClient({ providers: [createAzure()] }).chat(ask('azure/gpt-4o'));
    expect(response.text).toBe('from the environment');
    expect(simulator.requests[0]?.headers['api-key']).toBe(API_KEY);
  });

  it('names the missing setting: endpoint, or credentials', async () => {
    vi.stubEnv('AZURE_OPENAI_ENDPOINT', '');
    vi.stubEnv('AZURE_OPENAI_API_KEY', '');
    const noEndpoint = createClient({ providers: [azure] });
    await expect(noEndpoint.chat(ask('azure/gpt-4o'))).rejects.toThrow(ConfigurationError);
    await expect(noEndpoint.chat(ask('azure/gpt-4o'))).rejects.toThrow(
      /AZURE_OPENAI_ENDPOINT.*resourceName/,
    );
    await expect(noEndpoint.stream(ask('azure/gpt-4o')).finalResponse()).rejects.toThrow(
      /AZURE_OPENAI_ENDPOINT/,
    );
    const noKey = createClient({ providers: [createAzure({ endpoint: simulator.origin })] });
    await expect(noKey.chat(ask('azure/gpt-4o'))).rejects.toThrow(
      /AZURE_OPENAI_API_KEY.*tokenProvider/,
    );
    expect(simulator.requests).toHaveLength(0);
  });
});

describe('Microsoft Entra ID', () => {
  it('asks the token provider for a token on every request and sends it as a bearer token', async () => {
    let issued = 0;
    const tokenProvider = async () => {
      issued += 1;
      return `entra-token-${issued}`;
    };
    simulator.enqueue(
      { kind: 'reply', reply: { text: 'a' } },
      { kind: 'reply', reply: { text: 'b' } },
    );
    const client = createClient({
      providers: [createAzure({ endpoint: simulator.origin, tokenProvider })],
    });
    await client.chat(ask('azure/gpt-4o'));
    await client.stream(ask('azure/gpt-4o')).finalResponse();
    expect(issued).toBe(2);
    expect(simulator.requests.map((request) => request.headers['authorization'])).toEqual([
      'Bearer entra-token-1',
      'Bearer entra-token-2',
    ]);
    expect(simulator.requests.every((request) => request.headers['api-key'] === undefined)).toBe(
      true,
    );
  });

  it('turns a failing token provider into a ConfigurationError, without sending anything', async () => {
    const tokenProvider = async (): Promise<string> => {
      throw new Error('DefaultAzureCredential failed to retrieve a token');
    };
    const error = await createClient({
      providers: [createAzure({ endpoint: simulator.origin, tokenProvider })],
    })
      .chat(ask('azure/gpt-4o'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(String(error)).toContain('DefaultAzureCredential failed to retrieve a token');
    expect(simulator.requests).toHaveLength(0);
  });
});

describe('content filter', () => {
  it('maps a content_filter 400 to a ContentFilterError naming the filtered categories', async () => {
    simulator.enqueue({ kind: 'error', status: 400, vendorCode: 'content_filter' });
    const error = await clientWith()
      .chat(ask('azure/gpt-4o'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ContentFilterError);
    expect(ContentFilterError.is(error) && error.status).toBe(400);
    expect(ContentFilterError.is(error) && error.retryable).toBe(false);
    expect(String(error)).toContain('blocked the prompt for violence (medium)');
  });

  it("reports finish_reason content_filter as finishReason 'content-filter' in chat and stream", async () => {
    const reply = { text: 'I can', finishReason: 'content-filter' as const };
    simulator.enqueue({ kind: 'reply', reply }, { kind: 'reply', reply });
    const chat = await clientWith().chat(ask('azure/gpt-4o'));
    const stream = await clientWith().stream(ask('azure/gpt-4o')).finalResponse();
    for (const response of [chat, stream]) {
      expect(response.finishReason).toBe('content-filter');
      expect(response.rawFinishReason).toBe('content_filter');
      expect(response.text).toBe('I can');
    }
  });
});

describe('rate limits', () => {
  it('reads retry-after-ms from a 429', async () => {
    simulator.enqueue({ kind: 'error', status: 429 });
    const error = await clientWith()
      .chat(ask('azure/gpt-4o'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(RateLimitError.is(error) && error.retryAfterMs).toBe(6_000);
    expect(simulator.requests).toHaveLength(1);
  });
});
