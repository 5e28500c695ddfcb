import {
  type CallContext,
  type Client,
  createClient,
  type Middleware,
  type ModelInfo,
} from '@stratum/core';
import { createMockProvider, type MockProvider, type MockProviderOptions } from '@stratum/testing';

/** $2 per million input tokens, $8 per million output tokens: round numbers for hand-checked costs. */
export const PRICED_MODEL: ModelInfo = {
  id: 'mock/priced',
  provider: 'mock',
  name: 'priced',
  pricing: { input: 2, output: 8 },
  capabilities: {
    tools: true,
    vision: false,
    jsonOutput: true,
    structuredOutput: false,
    reasoning: false,
    promptCaching: false,
    pdfInput: false,
  },
  source: 'registered',
};

export function mockProvider(responses: MockProviderOptions['responses']): MockProvider {
  return createMockProvider({
    responses,
    resolveModelInfo: (model) => (model === 'priced' ? PRICED_MODEL : undefined),
  });
}

export function clientWith(provider: MockProvider, middleware: Middleware[]): Client {
  return createClient({ providers: [provider], middleware });
}

export const hello = {
  model: 'mock/priced',
  messages: [{ role: 'user' as const, content: 'Say hello.' }],
};

/** A sleep that returns at once and remembers what it was asked to wait. */
export function recordingSleep(): {
  delays: number[];
  sleep: (milliseconds: number) => Promise<void>;
} {
  const delays: number[] = [];
  return {
    delays,
    sleep: async (milliseconds) => {
      delays.push(milliseconds);
    },
  };
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

/** A middleware that remembers the context of every attempt it sees. */
export function contextSpy(): {
  middleware: Middleware;
  attempts: number[];
  contexts: CallContext[];
} {
  const attempts: number[] = [];
  const contexts: CallContext[] = [];
  return {
    attempts,
    contexts,
    middleware: {
      name: 'context-spy',
      chat(context, next) {
        attempts.push(context.attempt);
        contexts.push(context);
        return next(context);
      },
      stream(context, next) {
        attempts.push(context.attempt);
        contexts.push(context);
        return next(context);
      },
    },
  };
}
