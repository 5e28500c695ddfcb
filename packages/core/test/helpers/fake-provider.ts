import { createUsage } from '../../src/index.js';
import type {
  Provider,
  ProviderChatResult,
  ProviderRequest,
  ProviderStreamEvent,
} from '../../src/types/index.js';

/**
 * An in-memory Provider for core's own tests (core cannot depend on @stratum/testing: that
 * package depends on core). It records every request and answers with what the test scripted.
 */
export interface FakeProvider extends Provider {
  readonly requests: ProviderRequest[];
}

export interface FakeProviderOptions {
  name?: string;
  chat?: (request: ProviderRequest) => Promise<ProviderChatResult> | ProviderChatResult;
  stream?: (request: ProviderRequest) => AsyncIterable<ProviderStreamEvent>;
}

export function textResult(
  text: string,
  overrides: Partial<ProviderChatResult> = {},
): ProviderChatResult {
  return {
    id: 'resp_1',
    model: 'reported-model',
    content: [{ type: 'text', text }],
    finishReason: 'stop',
    usage: createUsage({ inputTokens: 10, outputTokens: 5 }),
    warnings: [],
    ...overrides,
  };
}

export function createFakeProvider(options: FakeProviderOptions = {}): FakeProvider {
  const requests: ProviderRequest[] = [];
  return {
    name: options.name ?? 'openai',
    requests,
    async chat(request) {
      requests.push(request);
      return options.chat ? options.chat(request) : textResult('hello');
    },
    stream(request) {
      requests.push(request);
      if (!options.stream) throw new Error('This fake provider has no stream script.');
      return options.stream(request);
    },
  };
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function waitOrAbort(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
