/**
 * One "app process" for the multi-process tests: a Stratum client on the OpenAI simulator with
 * Redis-backed middleware, driven by environment variables. It prints one JSON line per phase
 * on stdout and waits for "go" on stdin before a load run, so several processes start together.
 */
import { createInterface } from 'node:readline';
import { createClient, type Middleware } from '@stratum/core';
import { createMemoryRateLimitStore, rateLimit, responseCache } from '@stratum/middleware';
import { createOpenAI } from '@stratum/provider-openai';
import { Redis } from 'ioredis';
import { createRedisCacheStore, createRedisRateLimitStore } from '../../src/index.js';

const { REDIS_URL, BASE_URL, MODE, PREFIX, COUNT, STORE } = process.env;
if (!REDIS_URL || !BASE_URL || !MODE || !PREFIX) {
  throw new Error('run-client.ts needs REDIS_URL, BASE_URL, MODE and PREFIX');
}

const redis = new Redis(REDIS_URL);
/** When each call left the rate limiter: what the limit governs, free of HTTP and CPU jitter. */
const admittedAt: number[] = [];
const stamp: Middleware = {
  name: 'stamp',
  chat(context, next) {
    admittedAt.push(Date.now());
    return next(context);
  },
};
const middleware: Middleware[] =
  MODE === 'cache'
    ? [responseCache({ store: createRedisCacheStore(redis, { prefix: PREFIX }) })]
    : [
        rateLimit({
          // 10 at once, then one per 200 ms: refills slow enough to tell apart on a busy machine.
          requestsPerMinute: 300,
          burstSeconds: 2,
          // STORE=memory gives each process its own limit: the control the test compares with.
          store:
            STORE === 'memory'
              ? createMemoryRateLimitStore()
              : createRedisRateLimitStore(redis, { prefix: PREFIX }),
        }),
        stamp,
      ];
const client = createClient({
  providers: [createOpenAI({ apiKey: 'sk-test-TwoProcessesKey0000000000000', baseURL: BASE_URL })],
  middleware,
});
const request = {
  model: 'openai/gpt-4.1-mini',
  messages: [{ role: 'user' as const, content: 'What is shared between processes?' }],
};
const say = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);

try {
  if (MODE === 'cache') {
    const chat = await client.chat(request);
    const streamed = await client.stream(request).finalResponse();
    say({
      pid: process.pid,
      chat: {
        text: chat.text,
        cached: chat.cached === true,
        cost: chat.cost?.total,
        cacheInfo: 'cacheInfo' in chat ? chat.cacheInfo : undefined,
      },
      stream: { text: streamed.text, cached: streamed.cached === true },
    });
  } else {
    say({ ready: true });
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) if (line.trim() === 'go') break;
    lines.close();
    const started = Date.now();
    await Promise.all(Array.from({ length: Number(COUNT ?? '1') }, () => client.chat(request)));
    say({
      pid: process.pid,
      calls: Number(COUNT ?? '1'),
      elapsedMs: Date.now() - started,
      admittedAt,
    });
  }
} finally {
  await redis.quit();
}
