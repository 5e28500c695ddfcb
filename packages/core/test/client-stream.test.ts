import { describe, expect, it } from 'vitest';
import {
  AbortError,
  ConfigurationError,
  createClient,
  createUsage,
  InvalidResponseError,
  type Middleware,
  ProviderUnavailableError,
  type StreamEvent,
  TimeoutError,
} from '../src/index.js';
import type { ProviderRequest, ProviderStreamEvent } from '../src/types/index.js';
import { createFakeProvider, waitOrAbort } from './helpers/fake-provider.js';

const messages = [{ role: 'user' as const, content: 'hi' }];

async function* scripted(): AsyncGenerator<ProviderStreamEvent> {
  yield { type: 'response-metadata', id: 'msg_1', model: 'claude-sonnet-4-5-20250929' };
  yield { type: 'reasoning-delta', text: 'Let me ', signature: 'sig-' };
  yield { type: 'reasoning-delta', text: 'think.', signature: 'abc' };
  yield { type: 'text-delta', text: 'Hello ' };
  yield { type: 'text-delta', text: 'world' };
  yield {
    type: 'tool-call-delta',
    index: 0,
    id: 'toolu_1',
    name: 'get_weather',
    argumentsDelta: '{"city":',
  };
  yield {
    type: 'tool-call-delta',
    index: 0,
    id: 'toolu_1',
    name: 'get_weather',
    argumentsDelta: '"Paris"}',
  };
  yield {
    type: 'tool-call',
    toolCall: {
      id: 'toolu_1',
      name: 'get_weather',
      arguments: { city: 'Paris' },
      rawArguments: '{"city":"Paris"}',
    },
  };
  yield {
    type: 'warnings',
    warnings: [{ type: 'unsupported-setting', setting: 'seed', message: 'no seed' }],
  };
  yield {
    type: 'finish',
    finishReason: 'tool-calls',
    rawFinishReason: 'tool_use',
    usage: createUsage({
      inputTokens: 13_000,
      cacheReadTokens: 10_000,
      cacheWriteTokens: 2_000,
      outputTokens: 500,
    }),
  };
}

function anthropicClient(
  middleware: Middleware[] = [],
  stream: (request: ProviderRequest) => AsyncIterable<ProviderStreamEvent> = scripted,
) {
  const provider = createFakeProvider({ name: 'anthropic', stream });
  return { provider, client: createClient({ providers: [provider], middleware }) };
}

/** Yields one text delta, then waits for its signal; never finishes on its own. */
async function* hanging(request: ProviderRequest): AsyncGenerator<ProviderStreamEvent> {
  yield { type: 'text-delta', text: 'partial' };
  await waitOrAbort(10_000, request.signal);
}

describe('client.stream', () => {
  it('passes the events on and ends with a finish event carrying the full response', async () => {
    const { client } = anthropicClient();
    const events: StreamEvent[] = [];
    for await (const event of client.stream({ model: 'anthropic/claude-sonnet-4-5', messages })) {
      events.push(event);
    }
    expect(events.map((event) => event.type)).toEqual([
      'reasoning-delta',
      'reasoning-delta',
      'text-delta',
      'text-delta',
      'tool-call-delta',
      'tool-call-delta',
      'tool-call',
      'finish',
    ]);
    const finish = events.at(-1);
    if (finish?.type !== 'finish') throw new Error('no finish event');
    const { response } = finish;
    expect(response).toMatchObject({
      id: 'msg_1',
      model: 'claude-sonnet-4-5-20250929',
      modelId: 'anthropic/claude-sonnet-4-5',
      text: 'Hello world',
      reasoning: 'Let me think.',
      finishReason: 'tool-calls',
      rawFinishReason: 'tool_use',
      warnings: [{ type: 'unsupported-setting', setting: 'seed', message: 'no seed' }],
    });
    expect(response.content).toEqual([
      { type: 'reasoning', text: 'Let me think.', signature: 'sig-abc' },
      { type: 'text', text: 'Hello world' },
      {
        type: 'tool-call',
        id: 'toolu_1',
        name: 'get_weather',
        arguments: { city: 'Paris' },
        rawArguments: '{"city":"Paris"}',
      },
    ]);
    expect(response.toolCalls).toEqual([
      {
        id: 'toolu_1',
        name: 'get_weather',
        arguments: { city: 'Paris' },
        rawArguments: '{"city":"Paris"}',
      },
    ]);
    // Same usage as the cache test: $0.003 + $0.0075 + $0.003 + $0.0075 = $0.021
    expect(response.cost?.total).toBe(0.021);
    expect(response.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('offers textStream and finalResponse()', async () => {
    const { client } = anthropicClient();
    const stream = client.stream({ model: 'anthropic/claude-sonnet-4-5', messages });
    const texts: string[] = [];
    for await (const text of stream.textStream) texts.push(text);
    expect(texts).toEqual(['Hello ', 'world']);
    const response = await stream.finalResponse();
    expect(response.text).toBe('Hello world');

    const alone = await client
      .stream({ model: 'anthropic/claude-sonnet-4-5', messages })
      .finalResponse();
    expect(alone.usage.cacheReadTokens).toBe(10_000);
  });

  it('can be consumed once', async () => {
    const { client } = anthropicClient();
    const stream = client.stream({ model: 'anthropic/claude-sonnet-4-5', messages });
    await stream.finalResponse();
    await expect(async () => {
      for await (const _event of stream) {
        // nothing
      }
    }).rejects.toBeInstanceOf(ConfigurationError);
  });

  it('rejects finalResponse() with AbortError when the reader stops early', async () => {
    const { client } = anthropicClient();
    const stream = client.stream({ model: 'anthropic/claude-sonnet-4-5', messages });
    for await (const event of stream) if (event.type === 'text-delta') break;
    await expect(stream.finalResponse()).rejects.toBeInstanceOf(AbortError);
  });

  it('runs stream middleware in order, each seeing every event', async () => {
    const log: string[] = [];
    const layer = (name: string): Middleware => ({
      name,
      async *stream(context, next) {
        log.push(`${name}:before`);
        for await (const event of next(context)) {
          log.push(`${name}:${event.type}`);
          yield event.type === 'text-delta' ? { ...event, text: event.text.toUpperCase() } : event;
        }
        log.push(`${name}:after`);
      },
    });
    const { client } = anthropicClient([layer('outer'), layer('inner')]);
    const stream = client.stream({ model: 'anthropic/claude-sonnet-4-5', messages });
    const texts: string[] = [];
    for await (const text of stream.textStream) texts.push(text);
    expect(texts).toEqual(['HELLO ', 'WORLD']);
    expect(log.slice(0, 3)).toEqual(['outer:before', 'inner:before', 'inner:reasoning-delta']);
    expect(log.indexOf('inner:finish')).toBeLessThan(log.indexOf('outer:finish'));
    expect(log.slice(-2)).toEqual(['inner:after', 'outer:after']);
  });

  it('lets stream middleware change the model and call next twice (a fallback)', async () => {
    const broken = createFakeProvider({
      name: 'openai',
      // biome-ignore lint/correctness/useYield: fails before its first event
      stream: async function* () {
        throw new ProviderUnavailableError('overloaded', { provider: 'openai' });
      },
    });
    const anthropic = createFakeProvider({ name: 'anthropic', stream: scripted });
    const fallback: Middleware = {
      name: 'fallback',
      async *stream(context, next) {
        try {
          yield* next(context);
        } catch {
          yield* next({ ...context, model: context.resolveModel('claude-sonnet-4-5'), attempt: 2 });
        }
      },
    };
    const client = createClient({ providers: [broken, anthropic], middleware: [fallback] });
    const response = await client.stream({ model: 'gpt-4.1-mini', messages }).finalResponse();
    expect(broken.requests).toHaveLength(1);
    expect(anthropic.requests[0]?.model).toBe('claude-sonnet-4-5');
    expect(response.modelId).toBe('anthropic/claude-sonnet-4-5');
  });

  it('raises AbortError when the caller aborts mid-stream, aborting the provider’s signal', async () => {
    const { client, provider } = anthropicClient([], hanging);
    const controller = new AbortController();
    const stream = client.stream({
      model: 'anthropic/claude-sonnet-4-5',
      messages,
      signal: controller.signal,
    });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const event of stream) {
        seen.push(event.type);
        controller.abort();
      }
    })().catch((e) => e);
    expect(seen).toEqual(['text-delta']);
    expect(error).toBeInstanceOf(AbortError);
    expect(provider.requests[0]?.signal?.aborted).toBe(true);
    await expect(stream.finalResponse()).rejects.toBeInstanceOf(AbortError);
  });

  it('raises TimeoutError when the stream outlives timeoutMs', async () => {
    const { client, provider } = anthropicClient([], hanging);
    const error = await client
      .stream({ model: 'anthropic/claude-sonnet-4-5', messages, timeoutMs: 30 })
      .finalResponse()
      .catch((e) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(provider.requests[0]?.signal?.aborted).toBe(true);
  });

  it('raises a retryable InvalidResponseError when the provider stream ends without finish', async () => {
    const { client } = anthropicClient([], async function* () {
      yield { type: 'text-delta', text: 'cut off' };
    });
    const error = await client
      .stream({ model: 'anthropic/claude-sonnet-4-5', messages })
      .finalResponse()
      .catch((e) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ retryable: true, provider: 'anthropic' });
    expect(error.message).toMatch(/ended before its final event/);
  });
});

describe('reasoning provider options in streams', () => {
  it('merges the providerOptions of reasoning deltas per vendor onto their reasoning part', async () => {
    const provider = createFakeProvider({
      async *stream() {
        yield {
          type: 'reasoning-delta',
          text: '',
          newBlock: true,
          providerOptions: { openai: { itemId: 'rs_1' } },
        };
        yield { type: 'reasoning-delta', text: 'Thinking.' };
        yield {
          type: 'reasoning-delta',
          text: '',
          providerOptions: { openai: { encryptedContent: 'gAAA' } },
        };
        yield { type: 'text-delta', text: 'Done.' };
        yield {
          type: 'finish',
          finishReason: 'stop',
          usage: createUsage({ inputTokens: 1, outputTokens: 2 }),
        };
      },
    });
    const client = createClient({ providers: [provider] });
    const response = await client.stream({ model: 'openai/gpt-5-mini', messages }).finalResponse();
    expect(response.content[0]).toEqual({
      type: 'reasoning',
      text: 'Thinking.',
      providerOptions: { openai: { itemId: 'rs_1', encryptedContent: 'gAAA' } },
    });
    expect(response.reasoning).toBe('Thinking.');
  });
});
