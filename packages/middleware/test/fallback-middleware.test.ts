import {
  type ChatRequest,
  ContextLengthExceededError,
  InvalidRequestError,
  ProviderUnavailableError,
  registerModel,
  StratumError,
  unregisterModel,
} from '@stratum/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FallbackAttemptEvent, fallback, retry } from '../src/index.js';
import { collect, rejection } from './support/test-client.js';
import { reply, twoVendors } from './support/two-vendors.js';

/**
 * Fallbacks across vendors over real HTTP: the official `openai` and `@anthropic-ai/sdk` SDKs
 * (inside the providers) talk to local simulators that fail in the vendors' own formats.
 */
const vendors = twoVendors();
const ask = (model: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model,
  messages: [{ role: 'user', content: 'Name a prime number.' }],
  ...extra,
});
const noBackoff = { budget: false as const, baseDelayMs: 1, maxDelayMs: 2 };

beforeAll(() => {
  // A model with a small window, as a self-hosted or older model would have.
  registerModel({
    id: 'openai/small-window',
    contextWindow: 2_000,
    pricing: { input: 0.1, output: 0.4 },
    capabilities: { tools: true },
  });
});
afterAll(() => {
  unregisterModel('openai/small-window');
});

describe('fallback across vendors', () => {
  it('answers from the next vendor when the primary returns 503 on every call; retry inside makes exactly maxAttempts requests', async () => {
    vendors.openai.enqueue(
      ...Array.from({ length: 5 }, () => ({ kind: 'error' as const, status: 503 })),
    );
    vendors.anthropic.enqueue(reply('Seven, from Claude.'));
    const client = vendors.client([
      fallback({ models: ['anthropic/claude-haiku-4-5'] }),
      retry({ ...noBackoff, maxAttempts: 3 }),
    ]);
    const response = await client.chat(ask('openai/gpt-4.1-mini'));
    expect(response.text).toBe('Seven, from Claude.');
    expect(response.modelId).toBe('anthropic/claude-haiku-4-5');
    expect(response.fallback?.answeredBy).toBe('anthropic/claude-haiku-4-5');
    expect(response.fallback?.attempts).toMatchObject([
      {
        model: 'openai/gpt-4.1-mini',
        outcome: 'error',
        errorClass: 'ProviderUnavailableError',
        status: 503,
      },
      { model: 'anthropic/claude-haiku-4-5', outcome: 'ok' },
    ]);
    expect(response.fallback?.attempts.every((attempt) => attempt.latencyMs >= 0)).toBe(true);
    expect(vendors.openai.requests).toHaveLength(3);
    expect(vendors.anthropic.requests).toHaveLength(1);
    // The request carried over: the same prompt reached the second vendor in its own format.
    expect(vendors.anthropic.lastRequestBody()).toMatchObject({
      model: 'claude-haiku-4-5',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Name a prime number.' }] }],
    });
  });

  it('carries tools over to the other vendor', async () => {
    vendors.openai.enqueue({ kind: 'error', status: 429 });
    vendors.anthropic.enqueue(reply('Calling the tool.'));
    const tools = [
      {
        name: 'lookup_prime',
        description: 'Looks up the nth prime.',
        parameters: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] },
      },
    ];
    const response = await vendors
      .client([fallback({ models: ['anthropic/claude-haiku-4-5'] })])
      .chat(ask('openai/gpt-4.1-mini', { tools }));
    expect(response.fallback?.answeredBy).toBe('anthropic/claude-haiku-4-5');
    expect(vendors.anthropic.lastRequestBody()['tools']).toMatchObject([
      { name: 'lookup_prime', input_schema: { properties: { n: { type: 'integer' } } } },
    ]);
  });

  it('sends a prompt larger than the first model’s window straight to a model that fits, with zero requests to the first', async () => {
    vendors.anthropic.enqueue(reply('A summary.'));
    const events: FallbackAttemptEvent[] = [];
    const long = 'The quick brown fox jumps over the lazy dog. '.repeat(400); // ~4,000 tokens
    const response = await vendors
      .client([
        fallback({
          models: ['anthropic/claude-haiku-4-5'],
          onAttempt: (event) => events.push(event),
        }),
      ])
      .chat({ model: 'openai/small-window', messages: [{ role: 'user', content: long }] });
    expect(response.text).toBe('A summary.');
    expect(vendors.openai.requests).toHaveLength(0);
    expect(response.fallback?.skipped).toEqual([
      expect.objectContaining({ model: 'openai/small-window', reason: 'context-window' }),
    ]);
    expect(response.fallback?.skipped[0]?.message).toMatch(/needs about \d+ tokens.*holds 2000/);
    expect(events.map((event) => event.type)).toEqual(['skip', 'attempt']);
  });

  it('counts maxOutputTokens against the window too', async () => {
    vendors.anthropic.enqueue(reply('Short prompt, long answer.'));
    const response = await vendors
      .client([fallback({ models: ['anthropic/claude-haiku-4-5'] })])
      .chat(ask('openai/small-window', { maxOutputTokens: 4_000 }));
    expect(response.fallback?.answeredBy).toBe('anthropic/claude-haiku-4-5');
    expect(vendors.openai.requests).toHaveLength(0);
  });

  it('raises a ContextLengthExceededError before any request when no model of the chain fits', async () => {
    const error = await rejection(
      vendors
        .client([fallback({ models: ['openai/small-window'] })])
        .chat(ask('openai/small-window', { maxOutputTokens: 10_000 })),
    );
    expect(error).toBeInstanceOf(ContextLengthExceededError);
    expect(error).toMatchObject({ retryable: false });
    expect(String(error)).toMatch(/openai\/small-window skipped/);
    expect(vendors.openai.requests).toHaveLength(0);
  });

  it('moves a vendor’s ContextLengthExceededError only to a model with a larger window', async () => {
    vendors.openai.enqueue({
      kind: 'error',
      status: 400,
      vendorCode: 'context_length_exceeded',
      message:
        "This model's maximum context length is 128000 tokens. However, your messages resulted in 130012 tokens.",
    });
    vendors.anthropic.enqueue(reply('Fits in 200k.'));
    const response = await vendors
      .client([fallback({ models: ['openai/gpt-4o', 'anthropic/claude-haiku-4-5'] })])
      .chat(ask('openai/gpt-4o-mini'));
    expect(response.text).toBe('Fits in 200k.');
    expect(response.fallback?.attempts).toMatchObject([
      { model: 'openai/gpt-4o-mini', errorClass: 'ContextLengthExceededError', status: 400 },
      { model: 'anthropic/claude-haiku-4-5', outcome: 'ok' },
    ]);
    // gpt-4o has the same 128k window as gpt-4o-mini: skipped, not tried.
    expect(response.fallback?.skipped).toMatchObject([
      { model: 'openai/gpt-4o', reason: 'context-window' },
    ]);
    expect(vendors.openai.requests).toHaveLength(1);
  });

  it('does not fall back on a 400', async () => {
    vendors.openai.enqueue({ kind: 'error', status: 400 });
    const error = await rejection(
      vendors
        .client([fallback({ models: ['anthropic/claude-haiku-4-5'] })])
        .chat(ask('openai/gpt-4.1-mini')),
    );
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(vendors.anthropic.requests).toHaveLength(0);
  });

  it('falls back on a 400 only when asked to', async () => {
    vendors.openai.enqueue({ kind: 'error', status: 400 });
    vendors.anthropic.enqueue(reply('Asked for.'));
    const response = await vendors
      .client([fallback({ models: ['anthropic/claude-haiku-4-5'], on: [InvalidRequestError] })])
      .chat(ask('openai/gpt-4.1-mini'));
    expect(response.text).toBe('Asked for.');
  });

  it('raises the last error, typed, when every model fails', async () => {
    vendors.openai.enqueue({ kind: 'error', status: 503 });
    vendors.anthropic.enqueue({ kind: 'error', status: 529 });
    const events: FallbackAttemptEvent[] = [];
    const error = await rejection(
      vendors
        .client([
          fallback({
            models: ['anthropic/claude-haiku-4-5'],
            onAttempt: (event) => events.push(event),
          }),
        ])
        .chat(ask('openai/gpt-4.1-mini')),
    );
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error).toMatchObject({ provider: 'anthropic', status: 529 });
    expect(events).toMatchObject([
      { type: 'attempt', model: 'openai/gpt-4.1-mini', status: 503 },
      { type: 'attempt', model: 'anthropic/claude-haiku-4-5', status: 529 },
    ]);
  });
});

describe('the money guard', () => {
  it('skips fallbacks above maxPricePerMillionTokens, and says so', async () => {
    vendors.openai.enqueue({ kind: 'error', status: 503 });
    vendors.anthropic.enqueue(reply('From Haiku.'));
    const response = await vendors
      .client([
        fallback({
          models: ['anthropic/claude-opus-4-1', 'anthropic/claude-haiku-4-5'],
          maxPricePerMillionTokens: 10,
        }),
      ])
      .chat(ask('openai/gpt-4.1-mini'));
    expect(response.fallback?.answeredBy).toBe('anthropic/claude-haiku-4-5');
    expect(response.fallback?.skipped).toMatchObject([
      { model: 'anthropic/claude-opus-4-1', reason: 'price' },
    ]);
    expect(response.fallback?.skipped[0]?.message).toMatch(/\$15\/\$75/);
    expect(vendors.anthropic.requests).toHaveLength(1);
  });

  it('keeps to models no pricier than the primary with noPricierThanPrimary', async () => {
    vendors.anthropic.enqueue({ kind: 'error', status: 529 });
    vendors.openai.enqueue(reply('From the cheaper one.'));
    const response = await vendors
      .client([
        fallback({
          models: ['anthropic/claude-opus-4-1', 'openai/gpt-4.1-mini'],
          noPricierThanPrimary: true,
        }),
      ])
      .chat(ask('anthropic/claude-sonnet-4-6'));
    expect(response.fallback?.answeredBy).toBe('openai/gpt-4.1-mini');
    expect(response.fallback?.skipped.map((entry) => entry.model)).toEqual([
      'anthropic/claude-opus-4-1',
    ]);
    expect(vendors.anthropic.requests).toHaveLength(1);
  });
});

describe('streams', () => {
  const words = { text: 'Two three five seven', usage: { inputTokens: 9, outputTokens: 4 } };

  it('fall back when cut before their first event', async () => {
    vendors.openai.enqueue({ kind: 'disconnect', reply: words, afterChunks: 0 });
    vendors.anthropic.enqueue({
      kind: 'reply',
      reply: { text: 'Eleven thirteen', usage: { inputTokens: 9, outputTokens: 2 } },
    });
    const stream = vendors
      .client([fallback({ models: ['anthropic/claude-haiku-4-5'] })])
      .stream(ask('openai/gpt-4.1-mini'));
    const texts = await collect(stream.textStream);
    expect(texts.join('')).toBe('Eleven thirteen');
    const final = await stream.finalResponse();
    expect(final.fallback).toMatchObject({
      answeredBy: 'anthropic/claude-haiku-4-5',
      attempts: [
        { model: 'openai/gpt-4.1-mini', outcome: 'error' },
        { model: 'anthropic/claude-haiku-4-5', outcome: 'ok' },
      ],
    });
    expect(vendors.openai.requests).toHaveLength(1);
    expect(vendors.anthropic.requests).toHaveLength(1);
  });

  it('raise a typed error when cut after their first event: the text comes from one model only', async () => {
    // Role chunk, "Two ", "three ", then the cut.
    vendors.openai.enqueue({ kind: 'disconnect', reply: words, afterChunks: 3 });
    vendors.anthropic.enqueue(reply('Never sent.'));
    const texts: string[] = [];
    const error = await rejection(
      (async () => {
        const stream = vendors
          .client([fallback({ models: ['anthropic/claude-haiku-4-5'] })])
          .stream(ask('openai/gpt-4.1-mini'));
        for await (const text of stream.textStream) texts.push(text);
      })(),
    );
    expect(StratumError.is(error)).toBe(true);
    expect(texts.join('')).toBe('Two three ');
    expect(vendors.anthropic.requests).toHaveLength(0);
  });
});

describe('fallback options', () => {
  it('rejects a malformed chain or price limit before any call, naming the fix', () => {
    // Options as a JavaScript caller (or a config file) might pass them.
    const untyped = JSON.parse('{ "models": "anthropic/claude-haiku-4-5" }');
    expect(() => fallback(untyped)).toThrow(/models must be a list of model ids/);
    expect(() => fallback({ models: [], maxPricePerMillionTokens: -1 })).toThrow(
      /maxPricePerMillionTokens must be a finite number/,
    );
  });
});
