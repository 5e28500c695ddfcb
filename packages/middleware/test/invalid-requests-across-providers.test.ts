import {
  type CallContext,
  type ChatResponse,
  type ChatStream,
  ConfigurationError,
  createClient,
  InvalidRequestError,
  type Middleware,
  type Provider,
  StratumError,
} from '@stratum/core';
import { createAnthropic } from '@stratum/provider-anthropic';
import { createGoogle } from '@stratum/provider-google';
import { createOpenAI } from '@stratum/provider-openai';
import {
  type Simulator,
  startAnthropicSimulator,
  startGoogleSimulator,
  startOpenAISimulator,
} from '@stratum/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retry } from '../src/index.js';

/**
 * The same malformed requests, through the real vendor SDK providers against their simulators
 * on 127.0.0.1, under the retry middleware: each is an InvalidRequestError (retryable: false)
 * naming the field, raised before any HTTP request and tried exactly once.
 */

/** What a JavaScript caller can pass: any value. Method bivariance makes `Client` fit. */
interface UntypedClient {
  chat(request: unknown): Promise<ChatResponse>;
  stream(request: unknown): ChatStream;
}

interface Vendor {
  name: string;
  model: string;
  start: () => Promise<Simulator>;
  create: (simulator: Simulator) => Provider;
}

const API_KEY = 'sk-test-InvalidRequestTable0000000000';

const VENDORS: Vendor[] = [
  {
    name: 'openai',
    model: 'openai/gpt-4.1-mini',
    start: () => startOpenAISimulator(),
    create: (simulator) => createOpenAI({ apiKey: API_KEY, baseURL: `${simulator.origin}/v1` }),
  },
  {
    name: 'anthropic',
    model: 'anthropic/claude-sonnet-4-5',
    start: () => startAnthropicSimulator(),
    create: (simulator) => createAnthropic({ apiKey: API_KEY, baseURL: simulator.origin }),
  },
  {
    name: 'google',
    model: 'google/gemini-2.5-flash',
    start: () => startGoogleSimulator(),
    create: (simulator) => createGoogle({ apiKey: API_KEY, baseURL: simulator.origin }),
  },
];

const hello = [{ role: 'user', content: 'Hello' }];
const weather = {
  name: 'get_weather',
  parameters: { type: 'object', properties: { city: { type: 'string' } } },
};

/** [what is wrong, the request without its model, the field path the message must name] */
const CASES: Array<[string, Record<string, unknown>, string]> = [
  ['missing messages', {}, 'messages'],
  ['messages: []', { messages: [] }, 'messages'],
  ["role 'bot'", { messages: [{ role: 'bot', content: 'Hello' }] }, 'messages[0].role'],
  ['content 42', { messages: [{ role: 'user', content: 42 }] }, 'messages[0].content'],
  ['content null', { messages: [{ role: 'user', content: null }] }, 'messages[0].content'],
  ['content {}', { messages: [{ role: 'user', content: {} }] }, 'messages[0].content'],
  [
    'a tool result without toolCallId',
    {
      messages: [
        ...hello,
        {
          role: 'assistant',
          content: [{ type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: {} }],
        },
        { role: 'tool', content: '{"temperature":21}' },
      ],
      tools: [weather],
    },
    'messages[2].toolCallId',
  ],
  ["temperature: '0.7'", { messages: hello, temperature: '0.7' }, 'temperature'],
  ['temperature: 5', { messages: hello, temperature: 5 }, 'temperature'],
  ['maxOutputTokens: -1', { messages: hello, maxOutputTokens: -1 }, 'maxOutputTokens'],
  ['maxOutputTokens: 1.5', { messages: hello, maxOutputTokens: 1.5 }, 'maxOutputTokens'],
  [
    'a tool without parameters',
    { messages: hello, tools: [{ name: 'get_weather' }] },
    'tools[0].parameters',
  ],
  [
    "parameters: 'not-a-schema'",
    { messages: hello, tools: [{ name: 'get_weather', parameters: 'not-a-schema' }] },
    'tools[0].parameters',
  ],
  [
    "type: 'objekt' in a schema",
    { messages: hello, tools: [{ name: 'get_weather', parameters: { type: 'objekt' } }] },
    'tools[0].parameters.type',
  ],
  [
    'toolChoice naming an unknown tool',
    { messages: hello, tools: [weather], toolChoice: { type: 'tool', name: 'get_time' } },
    'toolChoice.name',
  ],
];

for (const vendor of VENDORS) {
  describe(`invalid requests on ${vendor.name}`, () => {
    let simulator: Simulator;
    let client: UntypedClient;
    let attempts = 0;
    let retryWaits = 0;
    beforeAll(async () => {
      simulator = await vendor.start();
      // Inside retry: counts every attempt the retry middleware lets through.
      const count = <T>(context: CallContext, next: (context: CallContext) => T): T => {
        attempts += 1;
        return next(context);
      };
      const countAttempts: Middleware = { name: 'count-attempts', chat: count, stream: count };
      const sleep = async () => {
        retryWaits += 1;
      };
      client = createClient({
        providers: [vendor.create(simulator)],
        middleware: [
          retry({ maxAttempts: 4, baseDelayMs: 1, budget: false, sleep }),
          countAttempts,
        ],
      });
    });
    afterAll(async () => {
      await simulator.close();
    });

    for (const kind of ['chat', 'stream'] as const) {
      it.each(CASES)(
        `${kind}: %s is an InvalidRequestError naming the field`,
        async (_name, fields, path) => {
          simulator.reset();
          attempts = 0;
          retryWaits = 0;
          const request = { model: vendor.model, ...fields };
          const call =
            kind === 'chat' ? client.chat(request) : client.stream(request).finalResponse();
          const error = await call.then(
            () => undefined,
            (caught: unknown) => caught,
          );
          expect(InvalidRequestError.is(error)).toBe(true);
          expect(StratumError.is(error) && error.retryable).toBe(false);
          expect(error instanceof Error ? error.message : '').toContain(
            `Invalid request: ${path} `,
          );
          // Rejected at the client boundary: no middleware ran, so nothing was retried or sent.
          expect(attempts).toBe(0);
          expect(retryWaits).toBe(0);
          expect(simulator.requests).toHaveLength(0);
        },
      );
    }

    it('a request the vendor rejects with a 400 is sent and tried exactly once', async () => {
      simulator.reset();
      attempts = 0;
      retryWaits = 0;
      simulator.enqueue({ kind: 'error', status: 400 });
      const error = await client.chat({ model: vendor.model, messages: hello }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(InvalidRequestError.is(error)).toBe(true);
      expect(StratumError.is(error) && error.retryable).toBe(false);
      expect(attempts).toBe(1);
      expect(retryWaits).toBe(0);
      expect(simulator.requests).toHaveLength(1);
    });
  });
}

describe('createClient with missing options', () => {
  it('createClient({}) raises a ConfigurationError with an example', () => {
    const create: (options: unknown) => unknown = (options) =>
      Reflect.apply(createClient, undefined, [options]);
    let error: unknown;
    try {
      create({});
    } catch (caught) {
      error = caught;
    }
    expect(ConfigurationError.is(error)).toBe(true);
    expect(StratumError.is(error) && error.retryable).toBe(false);
    const message = error instanceof Error ? error.message : '';
    expect(message).toContain('options.providers is missing');
    expect(message).toContain('createClient({');
  });
});
