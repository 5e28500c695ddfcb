import { readFileSync } from 'node:fs';
import { type Client, createClient, registerModel } from '@stratum/core';
import { createAnthropic } from '@stratum/provider-anthropic';
import { createGoogle } from '@stratum/provider-google';
import { createOpenAI } from '@stratum/provider-openai';
import {
  type Simulator,
  type SimulatorStep,
  startAnthropicSimulator,
  startGoogleSimulator,
  startOpenAISimulator,
} from '@stratum/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore, createTracker, type Tracker } from '../src/index.js';
import { captureLogger } from './support/temp-dir.js';

const GOOGLE_KEY = 'AIzaSyTestKeyForTheTrackerTests000000000';

function chunksOf(name: string): string[] {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

interface Vendor {
  name: string;
  model: string;
  start(): Promise<{ simulator: Simulator; client: (tracker: Tracker) => Client }>;
  /** Gemini has no cache-write field: its implicit cache charges nothing to write. */
  cacheWrites: boolean;
  recording: string;
  recordingModel: string;
}

const vendors: Vendor[] = [
  {
    name: 'OpenAI',
    model: 'openai/gpt-4.1-mini',
    cacheWrites: false,
    recording: 'openai-text.chunks.txt',
    recordingModel: 'openai/gpt-4.1-nano',
    async start() {
      const simulator = await startOpenAISimulator();
      const provider = createOpenAI({
        apiKey: 'sk-test-tracker-0000000000000000',
        baseURL: simulator.baseURL,
      });
      return {
        simulator,
        client: (tracker) =>
          createClient({ providers: [provider], middleware: [tracker.middleware] }),
      };
    },
  },
  {
    name: 'Anthropic',
    model: 'anthropic/claude-sonnet-4-5',
    cacheWrites: true,
    recording: 'anthropic-text.chunks.txt',
    recordingModel: 'anthropic/claude-sonnet-4-5',
    async start() {
      const simulator = await startAnthropicSimulator();
      const provider = createAnthropic({
        apiKey: 'sk-ant-api03-tracker-test-000000000',
        baseURL: simulator.baseURL,
      });
      return {
        simulator,
        client: (tracker) =>
          createClient({ providers: [provider], middleware: [tracker.middleware] }),
      };
    },
  },
  {
    name: 'Gemini',
    model: 'google/gemini-2.5-flash',
    cacheWrites: false,
    recording: 'google-text.chunks.txt',
    recordingModel: 'google/gemini-3-pro-preview',
    async start() {
      const simulator = await startGoogleSimulator({ apiKey: GOOGLE_KEY });
      const provider = createGoogle({ apiKey: GOOGLE_KEY, baseURL: simulator.baseURL });
      return {
        simulator,
        client: (tracker) =>
          createClient({ providers: [provider], middleware: [tracker.middleware] }),
      };
    },
  },
];

beforeAll(() => {
  // gpt-4.1-nano's published prices, as in the provider's recorded-fixture tests.
  registerModel({
    id: 'openai/gpt-4.1-nano',
    pricing: { input: 0.1, cacheRead: 0.025, output: 0.4 },
  });
});

describe.each(vendors)('$name: streamed and not streamed record the same', (vendor) => {
  let simulator: Simulator;
  let makeClient: (tracker: Tracker) => Client;
  beforeAll(async () => {
    ({ simulator, client: makeClient } = await vendor.start());
  });
  afterAll(async () => {
    await simulator.close();
  });

  it('tokens and cost, with cache reads and writes', async () => {
    const tracker = createTracker({ store: createMemoryStore(), logger: captureLogger() });
    const client = makeClient(tracker);
    const step: SimulatorStep = {
      kind: 'reply',
      reply: {
        text: 'The cached system prompt says hello.',
        usage: {
          inputTokens: 5_000,
          cacheReadTokens: 3_000,
          cacheWriteTokens: vendor.cacheWrites ? 1_500 : 0,
          outputTokens: 120,
        },
      },
      chunkSize: 4,
    };
    simulator.enqueue(step, step);
    const request = {
      model: vendor.model,
      messages: [{ role: 'user' as const, content: 'hello' }],
    };
    const chat = await client.chat(request);
    const streamed = await client.stream(request).finalResponse();
    expect(streamed.usage).toEqual(chat.usage);
    const [streamRecord, chatRecord] = (await tracker.list()).records;
    expect(chatRecord?.operation).toBe('chat');
    expect(streamRecord?.operation).toBe('stream');
    const tokensOf = (record: typeof chatRecord) => ({
      input: record?.inputTokens,
      cacheRead: record?.cacheReadTokens,
      cacheWrite: record?.cacheWriteTokens,
      output: record?.outputTokens,
      reasoning: record?.reasoningTokens,
    });
    expect(tokensOf(streamRecord)).toEqual(tokensOf(chatRecord));
    expect(tokensOf(chatRecord)).toEqual({
      input: 5_000,
      cacheRead: 3_000,
      cacheWrite: vendor.cacheWrites ? 1_500 : 0,
      output: 120,
      reasoning: 0,
    });
    expect(streamRecord?.cost).toEqual(chatRecord?.cost);
    expect(chatRecord?.cost.cacheRead).toBeGreaterThan(0);
    if (vendor.cacheWrites) expect(chatRecord?.cost.cacheWrite).toBeGreaterThan(0);
    expect(chatRecord?.cost.total).toBe(Math.round((chat.cost?.total ?? 0) * 1e12));
    expect(streamRecord?.estimated).toBe(false);
  });

  it(`a recorded stream (${vendor.recording}) is recorded with the usage it reported`, async () => {
    const tracker = createTracker({ store: createMemoryStore(), logger: captureLogger() });
    const client = makeClient(tracker);
    simulator.enqueue({ kind: 'recorded', chunks: chunksOf(vendor.recording) });
    const response = await client
      .stream({ model: vendor.recordingModel, messages: [{ role: 'user', content: 'hi' }] })
      .finalResponse();
    const [record] = (await tracker.list()).records;
    expect(response.usage.outputTokens).toBeGreaterThan(0);
    expect(record).toMatchObject({
      inputTokens: response.usage.inputTokens,
      outputTokens: response.usage.outputTokens,
      cacheReadTokens: response.usage.cacheReadTokens,
      reasoningTokens: response.usage.reasoningTokens,
      estimated: false,
    });
    expect(record?.cost.total).toBeGreaterThan(0);
    expect(record?.cost.total).toBe(Math.round((response.cost?.total ?? 0) * 1e12));
  });
});

describe('a stream that does not finish', () => {
  let simulator: Simulator & { baseURL: string };
  let client: Client;
  let tracker: Tracker;
  beforeAll(async () => {
    simulator = await startOpenAISimulator();
    tracker = createTracker({ store: createMemoryStore(), logger: captureLogger() });
    const provider = createOpenAI({
      apiKey: 'sk-test-tracker-0000000000000000',
      baseURL: simulator.baseURL,
    });
    client = createClient({ providers: [provider], middleware: [tracker.middleware] });
  });
  afterAll(async () => {
    await simulator.close();
  });
  const longReply = {
    text: 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen',
    usage: { inputTokens: 30, outputTokens: 16 },
  };

  it('records non-zero estimated usage when the caller stops reading', async () => {
    simulator.enqueue({ kind: 'reply', reply: longReply, chunkDelayMs: 20 });
    let deltas = 0;
    for await (const event of client.stream({
      model: 'openai/gpt-4.1-mini',
      messages: [{ role: 'user', content: 'count to fourteen' }],
    })) {
      if (event.type === 'text-delta') deltas += 1;
      if (deltas === 3) break;
    }
    const [record] = (await tracker.list()).records;
    expect(record?.estimated).toBe(true);
    expect(record?.errorClass).toBe('AbortError');
    expect(record?.inputTokens).toBeGreaterThan(0);
    expect(record?.outputTokens).toBeGreaterThanOrEqual(3);
    expect(record?.cost.total).toBeGreaterThan(0);
  });

  it('records non-zero estimated usage when the network cuts the stream', async () => {
    simulator.enqueue({ kind: 'disconnect', reply: longReply, afterChunks: 4 });
    await expect(
      client
        .stream({ model: 'openai/gpt-4.1-mini', messages: [{ role: 'user', content: 'count' }] })
        .finalResponse(),
    ).rejects.toThrow();
    const [record] = (await tracker.list()).records;
    expect(record?.estimated).toBe(true);
    expect(record?.errorClass).toBeDefined();
    expect(record?.outputTokens).toBeGreaterThan(0);
    expect(record?.cost.total).toBeGreaterThan(0);
    const [group] = await tracker.query();
    expect(group?.estimatedCalls).toBe(2);
  });
});
