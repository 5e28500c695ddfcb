import {
  type ChatRequest,
  type Client,
  createClient,
  type Middleware,
  type Provider,
} from '@stratum/core';
import {
  type Logger,
  logging,
  rateLimit,
  responseCache,
  retry,
  timeout,
  tracing,
} from '@stratum/middleware';
import type { BenchCase } from './compare-cases.js';

const silent: Logger = { info: () => {}, error: () => {} };

/** The stack's layers, outermost first, as `pnpm bench` configures them (also the ablation's). */
export const stackLayers: Record<string, () => Middleware> = {
  logging: () => logging({ logger: silent }),
  tracing: () => tracing(),
  // The default store is a bounded LRU, so one entry per call stays within memory.
  cache: () => responseCache(),
  retry: () => retry(),
  rateLimit: () => rateLimit({ requestsPerMinute: 1e9, tokensPerMinute: 1e12 }),
  timeout: () => timeout({ attemptMs: 30_000 }),
};

/**
 * Stratum with the whole middleware stack (logging, tracing, cache, retry, rate limit, timeout),
 * every call a cache miss: each request carries a new prompt, so it is hashed, looked up and
 * stored like a first call. Logging drops its events, so what is timed is the middleware's work,
 * not a log writer's.
 */
export function middlewareStackCases(
  chatProvider: Provider,
  streamProvider: Provider,
  request: ChatRequest,
): { chat: BenchCase; stream: BenchCase } {
  const withStack = (provider: Provider): Client =>
    createClient({
      providers: [provider],
      middleware: Object.values(stackLayers).map((layer) => layer()),
    });
  const chatClient = withStack(chatProvider);
  const streamClient = withStack(streamProvider);
  let calls = 0;
  const fresh = (): ChatRequest => {
    calls += 1;
    return { ...request, messages: [{ role: 'user', content: `${calls} Say hi` }] };
  };
  return {
    chat: { name: 'Stratum + middleware', run: () => chatClient.chat(fresh()) },
    stream: {
      name: 'Stratum + middleware',
      run: async () => {
        let text = '';
        for await (const event of streamClient.stream(fresh())) {
          if (event.type === 'text-delta') text += event.text;
        }
        return text;
      },
    },
  };
}
