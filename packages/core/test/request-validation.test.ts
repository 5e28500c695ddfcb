import { describe, expect, it } from 'vitest';
import {
  type CallContext,
  type ChatResponse,
  type ChatStream,
  ConfigurationError,
  createClient,
  InvalidRequestError,
  type Middleware,
  StratumError,
} from '../src/index.js';
import { validateChatRequest } from '../src/validation/validate-chat-request.js';
import { createFakeProvider } from './helpers/fake-provider.js';

/** What a JavaScript caller sees: any value may be passed. Method bivariance makes this fit `Client`. */
interface UntypedClient {
  chat(request: unknown): Promise<ChatResponse>;
  stream(request: unknown): ChatStream;
}

const base = { model: 'openai/gpt-4.1-mini', messages: [{ role: 'user', content: 'Hi' }] };
const weather = {
  name: 'get_weather',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

function failure(request: unknown): InvalidRequestError {
  try {
    validateChatRequest(request);
  } catch (error) {
    if (InvalidRequestError.is(error)) return error;
    throw error;
  }
  throw new Error('the request was accepted');
}

describe('validateChatRequest', () => {
  it.each([
    ['a request that is not an object', 'hello', /request object/],
    ['a missing model', { messages: base.messages }, /model is missing/],
    ['a missing messages', { model: base.model }, /messages is missing/],
    ['an empty messages', { ...base, messages: [] }, /messages has 0 items; expected at least 1/],
    [
      'an unknown role',
      { ...base, messages: [{ role: 'bot', content: 'x' }] },
      /messages\[0\]\.role is "bot"/,
    ],
    [
      'content 42',
      { ...base, messages: [{ role: 'user', content: 42 }] },
      /messages\[0\]\.content is 42/,
    ],
    [
      'content null',
      { ...base, messages: [{ role: 'user', content: null }] },
      /messages\[0\]\.content is null/,
    ],
    [
      'a part of the wrong role',
      {
        ...base,
        messages: [
          { role: 'user', content: 'a' },
          { role: 'user', content: [{ type: 'tool-call', id: '1', name: 'x', arguments: {} }] },
        ],
      },
      /messages\[1\]\.content\[0\]\.type is "tool-call"/,
    ],
    [
      'a text part without text',
      { ...base, messages: [{ role: 'user', content: [{ type: 'text' }] }] },
      /messages\[0\]\.content\[0\]\.text is missing/,
    ],
    [
      'a base64 image without a media type',
      {
        ...base,
        messages: [
          { role: 'user', content: [{ type: 'image', source: { type: 'base64', data: 'AAAA' } }] },
        ],
      },
      /messages\[0\]\.content\[0\]\.source\.mediaType is missing/,
    ],
    [
      'an image source of an unknown kind',
      {
        ...base,
        messages: [
          { role: 'user', content: [{ type: 'image', source: { type: 'path', path: '/x.png' } }] },
        ],
      },
      /messages\[0\]\.content\[0\]\.source\.type is "path"/,
    ],
    [
      'a file without a media type',
      {
        ...base,
        messages: [
          {
            role: 'user',
            content: [{ type: 'file', source: { type: 'url', url: 'https://x/a.pdf' } }],
          },
        ],
      },
      /messages\[0\]\.content\[0\]\.mediaType is missing/,
    ],
    [
      'a tool call without an id',
      {
        ...base,
        messages: [
          { role: 'assistant', content: [{ type: 'tool-call', name: 'x', arguments: {} }] },
        ],
      },
      /messages\[0\]\.content\[0\]\.id is missing/,
    ],
    [
      'a tool result without toolCallId',
      { ...base, messages: [{ role: 'tool', content: 'sunny' }] },
      /messages\[0\]\.toolCallId is missing/,
    ],
    [
      'temperature as a string',
      { ...base, temperature: '0.7' },
      /temperature is "0\.7"; expected number/,
    ],
    [
      'temperature out of range',
      { ...base, temperature: 5 },
      /temperature is 5; expected a number <=2/,
    ],
    ['temperature NaN', { ...base, temperature: Number.NaN }, /temperature is NaN/],
    ['topP above 1', { ...base, topP: 1.5 }, /topP is 1\.5/],
    [
      'maxOutputTokens -1',
      { ...base, maxOutputTokens: -1 },
      /maxOutputTokens is -1; expected a number >=1/,
    ],
    [
      'maxOutputTokens 1.5',
      { ...base, maxOutputTokens: 1.5 },
      /maxOutputTokens is 1\.5; expected a whole number/,
    ],
    ['a fractional seed', { ...base, seed: 0.5 }, /seed is 0\.5; expected a whole number/],
    ['stop as a string', { ...base, stop: 'END' }, /stop is "END"; expected Array/],
    [
      'a tool without parameters',
      { ...base, tools: [{ name: 'x' }] },
      /tools\[0\]\.parameters is missing/,
    ],
    [
      'parameters that are a string',
      { ...base, tools: [{ name: 'x', parameters: 'not-a-schema' }] },
      /tools\[0\]\.parameters is "not-a-schema"/,
    ],
    [
      "type 'objekt' in parameters",
      { ...base, tools: [{ name: 'x', parameters: { type: 'objekt' } }] },
      /tools\[0\]\.parameters\.type is "objekt", which is not valid JSON Schema/,
    ],
    [
      'a nested bad schema',
      {
        ...base,
        tools: [{ name: 'x', parameters: { type: 'object', properties: { a: { type: 'text' } } } }],
      },
      /tools\[0\]\.parameters\.properties\.a\.type is "text"/,
    ],
    [
      'a property name that is not a string',
      { ...base, tools: [{ name: 'x', parameters: { type: 'object', required: [1] } }] },
      /tools\[0\]\.parameters\.required\[0\] is 1, which is not valid JSON Schema; expected a string\./,
    ],
    [
      'a negative minLength',
      { ...base, tools: [{ name: 'x', parameters: { type: 'string', minLength: -1 } }] },
      /tools\[0\]\.parameters\.minLength is -1, .*expected a number of at least 0\./,
    ],
    [
      'a property schema that is a number',
      { ...base, tools: [{ name: 'x', parameters: { properties: { a: 5 } } }] },
      /tools\[0\]\.parameters\.properties\.a is 5, .*expected a schema \(an object/,
    ],
    [
      'a tool name with spaces',
      { ...base, tools: [{ ...weather, name: 'get weather' }] },
      /tools\[0\]\.name is "get weather"/,
    ],
    [
      'two tools of one name',
      { ...base, tools: [weather, weather] },
      /tools\[1\]\.name is "get_weather", which tools\[0\] already uses/,
    ],
    [
      'toolChoice naming an unknown tool',
      { ...base, tools: [weather], toolChoice: { type: 'tool', name: 'get_time' } },
      /toolChoice\.name is "get_time"; expected the name of one of the request's tools/,
    ],
    ['an unknown toolChoice', { ...base, toolChoice: 'always' }, /toolChoice is "always"/],
    [
      'a response schema with a bad type',
      { ...base, responseFormat: { type: 'json-schema', schema: { type: 'objekt' } } },
      /responseFormat\.schema\.type is "objekt"/,
    ],
    [
      'an unknown reasoning effort',
      { ...base, reasoning: { effort: 'max' } },
      /reasoning\.effort is "max"/,
    ],
    [
      'a signal that is not an AbortSignal',
      { ...base, signal: 'stop' },
      /signal is "stop"; expected an AbortSignal/,
    ],
    [
      'a negative timeoutMs',
      { ...base, timeoutMs: -1 },
      /timeoutMs is -1.*timeoutMs must be a positive number/,
    ],
  ])('rejects %s, naming the field', (_name, request, pattern) => {
    const error = failure(request);
    expect(error.message).toMatch(pattern);
    expect(error.message).toContain('Fix:');
    expect(error.retryable).toBe(false);
  });

  it('accepts every documented part and setting', () => {
    const schema = {
      type: 'object',
      properties: { answer: { type: ['string', 'null'] } },
      $defs: {},
    };
    expect(() =>
      validateChatRequest({
        ...base,
        messages: [
          { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              {
                type: 'image',
                source: { type: 'url', url: 'https://example.com/a.png' },
                detail: 'low',
              },
              {
                type: 'image',
                source: { type: 'base64', data: 'iVBORw0KGgo=', mediaType: 'image/png' },
              },
              {
                type: 'file',
                source: { type: 'base64', data: 'JVBERi0=', mediaType: 'application/pdf' },
                mediaType: 'application/pdf',
                filename: 'a.pdf',
              },
            ],
          },
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: 'Thinking', signature: 'sig' },
              { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: { city: 'Oslo' } },
            ],
          },
          {
            role: 'tool',
            toolCallId: 'call_1',
            toolName: 'get_weather',
            content: 'sunny',
            isError: false,
          },
        ],
        temperature: 0,
        topP: 1,
        maxOutputTokens: 1,
        seed: -7,
        stop: ['END'],
        tools: [weather, { name: 'now', parameters: {} }],
        toolChoice: { type: 'tool', name: 'now' },
        parallelToolCalls: false,
        responseFormat: { type: 'json-schema', name: 'answer', schema, strict: true },
        reasoning: { effort: 'low', budgetTokens: 0, enabled: true },
        metadata: { user: 'u1' },
        tags: ['a'],
        providerOptions: { openai: { user: 'u1' } },
        signal: new AbortController().signal,
        timeoutMs: 1000,
        includeRaw: true,
      }),
    ).not.toThrow();
  });

  it('checks a schema object once, however often it is sent', () => {
    const parameters = { type: 'object', properties: {} };
    validateChatRequest({ ...base, tools: [{ name: 'x', parameters }] });
    // A later change to the same object is not seen: the check is cached by identity.
    Reflect.set(parameters, 'type', 'objekt');
    expect(() =>
      validateChatRequest({ ...base, tools: [{ name: 'x', parameters }] }),
    ).not.toThrow();
    expect(() =>
      validateChatRequest({ ...base, tools: [{ name: 'x', parameters: { ...parameters } }] }),
    ).toThrow(/objekt/);
  });
});

describe('the client validates before middleware and provider', () => {
  function setup() {
    const provider = createFakeProvider();
    let middlewareCalls = 0;
    const pass = <T>(context: CallContext, next: (context: CallContext) => T): T => {
      middlewareCalls += 1;
      return next(context);
    };
    const counting: Middleware = { name: 'counting', chat: pass, stream: pass };
    const client: UntypedClient = createClient({ providers: [provider], middleware: [counting] });
    return { provider, client, middlewareCalls: () => middlewareCalls };
  }

  it('rejects a bad chat request with InvalidRequestError and calls nothing', async () => {
    const { provider, client, middlewareCalls } = setup();
    const error = await client.chat({ ...base, maxOutputTokens: -1 }).catch((caught) => caught);
    expect(InvalidRequestError.is(error)).toBe(true);
    expect(StratumError.is(error) && error.retryable).toBe(false);
    expect(middlewareCalls()).toBe(0);
    expect(provider.requests).toHaveLength(0);
  });

  it('rejects a bad streamed request the same way', async () => {
    const { provider, client, middlewareCalls } = setup();
    const stream = client.stream({ ...base, messages: [{ role: 'bot', content: 'x' }] });
    await expect(stream.finalResponse()).rejects.toThrow(/messages\[0\]\.role is "bot"/);
    expect(middlewareCalls()).toBe(0);
    expect(provider.requests).toHaveLength(0);
  });
});

describe('createClient options', () => {
  const create: (options: unknown) => unknown = (options) =>
    Reflect.apply(createClient, undefined, [options]);

  it.each([
    ['no options', undefined, /createClient takes an options object/],
    ['an empty object', {}, /options\.providers is missing/],
    ['providers that are a string', { providers: 'openai' }, /options\.providers is "openai"/],
    [
      'middleware that is not a list',
      { providers: [createFakeProvider()], middleware: {} },
      /options\.middleware/,
    ],
    [
      'an alias that is not a string',
      { providers: [createFakeProvider()], aliases: { fast: 1 } },
      /options\.aliases\.fast/,
    ],
  ])('rejects %s with a ConfigurationError and an example', (_name, options, pattern) => {
    let error: unknown;
    try {
      create(options);
    } catch (caught) {
      error = caught;
    }
    expect(ConfigurationError.is(error)).toBe(true);
    expect(error instanceof Error ? error.message : '').toMatch(pattern);
    expect(error instanceof Error ? error.message : '').toContain('createClient({');
  });
});
