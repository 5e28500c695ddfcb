import { formatUsd } from '@stratum/tracker';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './gateway-harness.js';

let harness: Harness;
let sdk: OpenAI;

beforeAll(async () => {
  harness = await startHarness();
  sdk = new OpenAI({ apiKey: 'unused', baseURL: `${harness.url}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await harness?.close();
});

async function recordOf(requestId: string | null) {
  const page = await harness.tracker.list({ filter: { tags: { requestId: requestId ?? '' } } });
  expect(page.records).toHaveLength(1);
  return page.records[0]!;
}

const VENDORS = [
  { vendor: 'openai', model: 'openai/gpt-4.1-mini' },
  { vendor: 'anthropic', model: 'anthropic/claude-haiku-4-5' },
  { vendor: 'google', model: 'google/gemini-2.5-flash' },
] as const;

const weather = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'The weather in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

describe.each(VENDORS)('the openai SDK through the gateway to $vendor', ({ vendor, model }) => {
  const simulator = () => harness[vendor];

  it('chats, and the cost header equals the tracker record', async () => {
    simulator().enqueue({
      kind: 'reply',
      reply: { text: `Hello from ${vendor}`, usage: { inputTokens: 1200, outputTokens: 30 } },
    });
    const { data, response } = await sdk.chat.completions
      .create({ model, messages: [{ role: 'user', content: 'Hi' }] })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe(`Hello from ${vendor}`);
    expect(response.headers.get('x-stratum-provider')).toBe(vendor);
    const record = await recordOf(response.headers.get('x-stratum-request-id'));
    expect(record.cost.total).toBeGreaterThan(0);
    expect(response.headers.get('x-stratum-cost-usd')).toBe(formatUsd(record.cost.total));
  });

  it('streams text in several chunks, the first before the upstream stream ends', async () => {
    simulator().enqueue({
      kind: 'reply',
      reply: { text: 'one two three four five six', usage: { inputTokens: 20, outputTokens: 6 } },
      chunkSize: 4,
      chunkDelayMs: 40,
    });
    const stream = await sdk.chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'Count' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const arrivals: number[] = [];
    let text = '';
    let costUsd: unknown;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta.content ?? '';
      if (delta !== '') {
        arrivals.push(performance.now());
        text += delta;
      }
      if (chunk.usage) costUsd = (chunk as unknown as { cost_usd: string }).cost_usd;
    }
    expect(text).toBe('one two three four five six');
    expect(arrivals.length).toBeGreaterThanOrEqual(4);
    // Chunks 40 ms apart upstream: a stream buffered until the upstream ends would deliver
    // them all at once, so a spread means the first reached the client before the end.
    expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThan(60);
    const page = await harness.tracker.list({ limit: 1 });
    expect(costUsd).toBe(formatUsd(page.records[0]!.cost.total));
  });

  it('does a tool round trip', async () => {
    simulator().enqueue(
      {
        kind: 'reply',
        reply: {
          toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }],
          finishReason: 'tool-calls',
          usage: { inputTokens: 40, outputTokens: 10 },
        },
      },
      {
        kind: 'reply',
        reply: { text: 'It is sunny in Paris.', usage: { inputTokens: 60, outputTokens: 8 } },
      },
    );
    const first = await sdk.chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [weather],
    });
    const call = first.choices[0]?.message.tool_calls?.[0];
    expect(first.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.type).toBe('function');
    if (call?.type !== 'function') throw new Error('expected a function call');
    expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Paris' });
    const second = await sdk.chat.completions.create({
      model,
      tools: [weather],
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: null, tool_calls: [call] },
        { role: 'tool', tool_call_id: call.id, content: '{"sky":"sunny"}' },
      ],
    });
    expect(second.choices[0]?.message.content).toBe('It is sunny in Paris.');
    expect(JSON.stringify(simulator().lastRequestBody())).toContain('sunny');
  });
});

describe('model: "auto"', () => {
  it('is routed, names the route and the chosen model, and costs what the tracker recorded', async () => {
    const before = {
      openai: harness.openai.requests.length,
      anthropic: harness.anthropic.requests.length,
      google: harness.google.requests.length,
    };
    const { data, response } = await sdk.chat.completions
      .create({ model: 'auto', messages: [{ role: 'user', content: 'Say hi' }] })
      .withResponse();
    expect(response.headers.get('x-stratum-route')).toBe('auto');
    const model = response.headers.get('x-stratum-model') ?? '';
    const provider = response.headers.get('x-stratum-provider') ?? '';
    expect([
      'openai/gpt-4.1-mini',
      'anthropic/claude-haiku-4-5',
      'google/gemini-2.5-flash',
    ]).toContain(model);
    expect(model.startsWith(`${provider}/`)).toBe(true);
    expect(data.model).toBe(model);
    const simulators = {
      openai: harness.openai,
      anthropic: harness.anthropic,
      google: harness.google,
    };
    for (const [name, simulator] of Object.entries(simulators)) {
      const called = simulator.requests.length - before[name as keyof typeof before];
      expect(called).toBe(name === provider ? 1 : 0);
    }
    const record = await recordOf(response.headers.get('x-stratum-request-id'));
    expect(record.model).toBe(model);
    expect(response.headers.get('x-stratum-cost-usd')).toBe(formatUsd(record.cost.total));
  });

  it('is routed when streamed, with the decision in the usage chunk', async () => {
    const stream = await sdk.chat.completions
      .create({
        model: 'auto',
        messages: [{ role: 'user', content: 'Say hi' }],
        stream: true,
        stream_options: { include_usage: true },
      })
      .withResponse();
    expect(stream.response.headers.get('x-stratum-route')).toBe('auto');
    let routing: { route?: string; model?: string } | undefined;
    for await (const chunk of stream.data) {
      if (chunk.usage) routing = (chunk as unknown as { routing: typeof routing }).routing;
    }
    expect(routing?.route).toBe('auto');
    const page = await harness.tracker.list({ limit: 1 });
    expect(page.records[0]?.model).toBe(routing?.model);
  });
});
