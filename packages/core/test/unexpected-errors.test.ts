import { describe, expect, it } from 'vitest';
import {
  createClient,
  isNetworkFailure,
  ProviderUnavailableError,
  StratumError,
} from '../src/index.js';
import { createFakeProvider } from './helpers/fake-provider.js';

const request = {
  model: 'openai/gpt-4.1-mini',
  messages: [{ role: 'user' as const, content: 'Hi' }],
};

function clientThrowing(error: Error) {
  return createClient({
    providers: [
      createFakeProvider({
        chat: () => {
          throw error;
        },
        stream: () => {
          throw error;
        },
      }),
    ],
  });
}

describe('errors a provider lets through', () => {
  const bug = new TypeError('number 42 is not iterable');

  it('turns a bug in chat into a non-retryable error that says so and keeps the cause', async () => {
    const error = await clientThrowing(bug)
      .chat(request)
      .catch((caught: unknown) => caught);
    expect(StratumError.is(error)).toBe(true);
    expect(ProviderUnavailableError.is(error)).toBe(false);
    expect(StratumError.is(error) && error.retryable).toBe(false);
    expect(error instanceof Error && error.cause).toBe(bug);
    expect(error instanceof Error ? error.message : '').toMatch(/number 42 is not iterable.*bug/);
  });

  it('does the same for a stream', async () => {
    const error = await clientThrowing(bug)
      .stream(request)
      .finalResponse()
      .catch((caught: unknown) => caught);
    expect(StratumError.is(error) && error.retryable).toBe(false);
    expect(ProviderUnavailableError.is(error)).toBe(false);
    expect(error instanceof Error && error.cause).toBe(bug);
  });

  it('keeps a network failure a retryable ProviderUnavailableError', async () => {
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
    });
    const error = await clientThrowing(refused)
      .chat(request)
      .catch((caught: unknown) => caught);
    expect(ProviderUnavailableError.is(error)).toBe(true);
    expect(StratumError.is(error) && error.retryable).toBe(true);
  });
});

describe('isNetworkFailure', () => {
  it.each([
    ['a code on the error', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['a code on the cause', new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } })],
    ['refusals from both localhost addresses', new AggregateError([{ code: 'ECONNREFUSED' }], '')],
    ['socket hang up', new Error('socket hang up')],
  ])('is true for %s', (_name, error) => {
    expect(isNetworkFailure(error)).toBe(true);
  });

  it.each([
    ['a TypeError from code', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['a RangeError', new RangeError('Invalid array length')],
    ['a string', 'boom'],
  ])('is false for %s', (_name, error) => {
    expect(isNetworkFailure(error)).toBe(false);
  });
});
