import {
  createClient,
  InvalidRequestError,
  ProviderUnavailableError,
  RateLimitError,
} from '@stratum/core';
import { type OpenAISimulator, startOpenAIResponsesSimulator } from '@stratum/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAI, type OpenAIProviderSettings } from '../src/index.js';
import { TEST_API_KEY } from './setup-simulator.js';

let simulator: OpenAISimulator;
const clientWith = (settings: OpenAIProviderSettings = {}) =>
  createClient({
    providers: [createOpenAI({ apiKey: TEST_API_KEY, baseURL: simulator.baseURL, ...settings })],
  });
beforeAll(async () => {
  simulator = await startOpenAIResponsesSimulator();
});
afterAll(async () => {
  await simulator.close();
});
beforeEach(() => simulator.reset());

const hello = [{ role: 'user' as const, content: 'Hello' }];

describe('choosing the API', () => {
  it('calls Chat Completions for most models and the Responses API for Responses-only ones', async () => {
    const client = clientWith();
    await client.chat({ model: 'gpt-4.1-mini', messages: hello });
    await client.chat({ model: 'o3-pro', messages: hello });
    await client.chat({ model: 'openai/gpt-5-pro', messages: hello });
    await client.chat({ model: 'gpt-5.1-codex', messages: hello });
    expect(simulator.requests.map((request) => request.url)).toEqual([
      '/v1/chat/completions',
      '/v1/responses',
      '/v1/responses',
      '/v1/responses',
    ]);
  });

  it("follows api: 'responses' for any model, and api: 'chat' over the catalog", async () => {
    await clientWith({ api: 'responses' }).chat({ model: 'gpt-4.1-mini', messages: hello });
    await clientWith({ api: 'chat' }).chat({ model: 'gpt-4.1-mini', messages: hello });
    expect(simulator.requests.map((request) => request.url)).toEqual([
      '/v1/responses',
      '/v1/chat/completions',
    ]);
  });
});

describe('Responses request mapping', () => {
  it('maps a reasoning request: developer message, effort with summaries, no sampling, stateless', async () => {
    const response = await clientWith().chat({
      model: 'o3-pro',
      messages: [
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            {
              type: 'image',
              source: { type: 'url', url: 'https://example.com/cat.png' },
              detail: 'low',
            },
          ],
        },
      ],
      temperature: 0.2,
      maxOutputTokens: 500,
      reasoning: { effort: 'high' },
    });
    const body = simulator.lastRequestBody();
    expect(body).toMatchObject({
      model: 'o3-pro',
      store: false,
      include: ['reasoning.encrypted_content'],
      reasoning: { effort: 'high', summary: 'auto' },
      max_output_tokens: 500,
      input: [
        { role: 'developer', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'What is this?' },
            { type: 'input_image', image_url: 'https://example.com/cat.png', detail: 'low' },
          ],
        },
      ],
    });
    expect(body['temperature']).toBeUndefined();
    expect(response.warnings).toContainEqual(
      expect.objectContaining({ type: 'unsupported-setting', setting: 'temperature' }),
    );
  });

  it('sends tools, a named tool choice and a JSON schema format', async () => {
    const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    await clientWith({ api: 'responses' }).chat({
      model: 'gpt-4.1-mini',
      messages: hello,
      temperature: 0.5,
      tools: [{ name: 'lookup', description: 'Look up', parameters: schema, strict: true }],
      toolChoice: { type: 'tool', name: 'lookup' },
      parallelToolCalls: false,
      responseFormat: { type: 'json-schema', name: 'place', schema },
    });
    expect(simulator.lastRequestBody()).toMatchObject({
      temperature: 0.5,
      tools: [
        {
          type: 'function',
          name: 'lookup',
          description: 'Look up',
          parameters: schema,
          strict: true,
        },
      ],
      tool_choice: { type: 'function', name: 'lookup' },
      parallel_tool_calls: false,
      text: { format: { type: 'json_schema', name: 'place', schema, strict: true } },
    });
  });

  it('refuses a malformed built-in tool list before any request', async () => {
    const error = await clientWith()
      .chat({
        model: 'o3-pro',
        messages: hello,
        providerOptions: { openai: { tools: [{ name: 'x' }] } },
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error instanceof Error && error.message).toContain('providerOptions.openai.tools');
    expect(simulator.requests).toHaveLength(0);
  });
});

describe('Responses answers', () => {
  it('streams reasoning summaries as reasoning deltas and keeps the encrypted item for the next turn', async () => {
    simulator.enqueue({
      kind: 'reply',
      reply: {
        reasoning: 'Think about primes.',
        text: '2, 3, 5',
        usage: { inputTokens: 40, outputTokens: 30, reasoningTokens: 20 },
      },
      chunkSize: 5,
    });
    const client = clientWith();
    const stream = client.stream({ model: 'o3-pro', messages: hello });
    const reasoning: string[] = [];
    for await (const event of stream)
      if (event.type === 'reasoning-delta') reasoning.push(event.text);
    const response = await stream.finalResponse();
    expect(reasoning.length).toBeGreaterThan(1);
    expect(reasoning.join('')).toBe('Think about primes.');
    expect(response.text).toBe('2, 3, 5');
    expect(response.usage).toMatchObject({
      inputTokens: 40,
      outputTokens: 30,
      reasoningTokens: 20,
    });
    const part = response.content[0];
    const encrypted = part?.providerOptions?.['openai']?.['encryptedContent'];
    expect(typeof encrypted === 'string' && encrypted.startsWith('gAAAAA')).toBe(true);
    await client.chat({
      model: 'o3-pro',
      messages: [
        ...hello,
        { role: 'assistant', content: response.content },
        { role: 'user', content: 'More?' },
      ],
    });
    const input = simulator.lastRequestBody()['input'];
    expect(Array.isArray(input) && input[1]).toMatchObject({
      type: 'reasoning',
      encrypted_content: encrypted,
    });
  });

  it('reports an answer cut at max_output_tokens as length', async () => {
    simulator.enqueue({ kind: 'reply', reply: { text: 'A long', finishReason: 'length' } });
    const response = await clientWith()
      .stream({ model: 'o3-pro', messages: hello })
      .finalResponse();
    expect(response.finishReason).toBe('length');
    expect(response.rawFinishReason).toBe('max_output_tokens');
  });
});

describe('built-in tools', () => {
  const searched = {
    id: 'resp_search',
    object: 'response',
    created_at: 1_770_000_000,
    status: 'completed',
    error: null,
    incomplete_details: null,
    model: 'o3-pro-2025-06-10',
    output: [
      {
        id: 'ws_1',
        type: 'web_search_call',
        status: 'completed',
        action: { type: 'search', query: 'weather Paris' },
      },
      {
        id: 'msg_1',
        type: 'message',
        status: 'completed',
        role: 'assistant',
        content: [
          {
            type: 'output_text',
            text: 'Sunny in Paris.',
            logprobs: [],
            annotations: [
              {
                type: 'url_citation',
                url: 'https://weather.example',
                title: 'Weather',
                start_index: 0,
                end_index: 5,
              },
            ],
          },
        ],
      },
    ],
    usage: {
      input_tokens: 300,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 20,
      output_tokens_details: { reasoning_tokens: 8 },
      total_tokens: 320,
    },
  };

  it('passes built-in tools through providerOptions and reports the calls the API ran', async () => {
    simulator.enqueue({
      kind: 'raw',
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(searched),
    });
    const client = clientWith();
    const response = await client.chat({
      model: 'o3-pro',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      providerOptions: { openai: { tools: [{ type: 'web_search' }] } },
    });
    expect(simulator.lastRequestBody()['tools']).toEqual([{ type: 'web_search' }]);
    expect(response.text).toBe('Sunny in Paris.');
    expect(response.finishReason).toBe('stop');
    expect(response.toolCalls).toEqual([
      expect.objectContaining({
        id: 'ws_1',
        name: 'web_search',
        arguments: { action: { type: 'search', query: 'weather Paris' } },
      }),
    ]);
    expect(response.content[0]).toMatchObject({
      type: 'tool-call',
      providerOptions: {
        openai: { providerExecuted: true, itemType: 'web_search_call', status: 'completed' },
      },
    });
    expect(response.content[1]).toMatchObject({
      providerOptions: {
        openai: { annotations: [expect.objectContaining({ url: 'https://weather.example' })] },
      },
    });

    // The next turn without storage leaves the executed search out: its result is in the text.
    await client.chat({
      model: 'o3-pro',
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: response.content },
        { role: 'user', content: 'And tomorrow?' },
      ],
    });
    expect(simulator.lastRequestBody()['input']).toEqual([
      { role: 'user', content: 'Weather in Paris?' },
      { role: 'assistant', content: 'Sunny in Paris.' },
      { role: 'user', content: 'And tomorrow?' },
    ]);
  });
});

describe('Responses errors', () => {
  it('maps HTTP 429 insufficient_quota to a non-retryable RateLimitError that says to add credit', async () => {
    simulator.enqueue({ kind: 'error', status: 429, vendorCode: 'insufficient_quota' });
    const error = await clientWith()
      .chat({ model: 'o3-pro', messages: hello })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    if (!(error instanceof RateLimitError)) return;
    expect(error.retryable).toBe(false);
    expect(error.status).toBe(429);
    expect(error.message).toContain('You exceeded your current quota');
    expect(error.message).toContain('retrying will not help');
  });

  it('gives Chat Completions calls the same non-retryable quota error', async () => {
    simulator.enqueue({
      kind: 'error',
      status: 429,
      vendorCode: 'insufficient_quota',
      message: 'You exceeded your current quota.',
    });
    const error = await clientWith()
      .chat({ model: 'gpt-4.1-mini', messages: hello })
      .catch((caught: unknown) => caught);
    expect(simulator.requests[0]?.url).toBe('/v1/chat/completions');
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error instanceof RateLimitError && error.retryable).toBe(false);
    expect(error instanceof Error && error.message).toContain('You exceeded your current quota');
  });

  it('keeps an ordinary 429 retryable', async () => {
    simulator.enqueue({ kind: 'error', status: 429 });
    const error = await clientWith()
      .chat({ model: 'o3-pro', messages: hello })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error instanceof RateLimitError && error.retryable).toBe(true);
  });

  it('types a response.failed event that comes without an error event', async () => {
    const failed = {
      type: 'response.failed',
      sequence_number: 1,
      response: {
        id: 'resp_x',
        status: 'failed',
        model: 'o3-pro',
        output: [],
        error: { code: 'server_error', message: 'The model crashed.' },
      },
    };
    simulator.enqueue({
      kind: 'raw',
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      body: `event: response.created\ndata: ${JSON.stringify({ type: 'response.created', sequence_number: 0, response: { ...failed.response, status: 'in_progress', error: null } })}\n\nevent: response.failed\ndata: ${JSON.stringify(failed)}\n\n`,
    });
    const error = await clientWith()
      .stream({ model: 'o3-pro', messages: hello })
      .finalResponse()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error instanceof ProviderUnavailableError && error.retryable).toBe(true);
    expect(error instanceof Error && error.message).toContain('The model crashed');
  });

  it('types a failed response body', async () => {
    simulator.enqueue({
      kind: 'raw',
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'resp_y',
        status: 'failed',
        model: 'o3-pro',
        output: [],
        error: { code: 'rate_limit_exceeded', message: 'Slow down.' },
      }),
    });
    const error = await clientWith()
      .chat({ model: 'o3-pro', messages: hello })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error instanceof RateLimitError && error.retryable).toBe(true);
  });
});
