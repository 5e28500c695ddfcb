/**
 * One "app process" for the shared-circuit test: a client on the OpenAI simulator with a
 * fallback to a second model and a circuit breaker kept in Redis. It makes CALLS calls one after
 * the other and prints one JSON line: which model answered each, and the circuit's state changes
 * this process saw. CLOCK_OFFSET_MS moves its clock forward, to stand for time passing.
 */
import { createClient } from '@stratum/core';
import {
  type BreakerStateChange,
  circuitBreaker,
  createMemoryCircuitBreakerStore,
  fallback,
} from '@stratum/middleware';
import { createOpenAI } from '@stratum/provider-openai';
import { Redis } from 'ioredis';
import { createRedisCircuitBreakerStore } from '../../src/index.js';

const { REDIS_URL, BASE_URL, PREFIX, CALLS, CLOCK_OFFSET_MS, STORE } = process.env;
if (!REDIS_URL || !BASE_URL || !PREFIX) {
  throw new Error('run-breaker-client.ts needs REDIS_URL, BASE_URL and PREFIX');
}

const redis = new Redis(REDIS_URL);
const offset = Number(CLOCK_OFFSET_MS ?? '0');
const changes: BreakerStateChange[] = [];
const breaker = circuitBreaker({
  // STORE=memory gives each process its own circuit: the control the test compares with.
  store:
    STORE === 'memory'
      ? createMemoryCircuitBreakerStore()
      : createRedisCircuitBreakerStore(redis, { prefix: PREFIX }),
  now: () => Date.now() + offset,
  onStateChange: (change) => changes.push(change),
  logger: false,
});
const client = createClient({
  providers: [createOpenAI({ apiKey: 'sk-test-SharedCircuitKey00000000000', baseURL: BASE_URL })],
  middleware: [fallback({ models: ['openai/gpt-4o-mini'] }), breaker],
});

try {
  const answeredBy: string[] = [];
  for (let call = 0; call < Number(CALLS ?? '1'); call += 1) {
    const response = await client.chat({
      model: 'openai/gpt-4.1-mini',
      messages: [{ role: 'user', content: 'Is the circuit shared?' }],
    });
    answeredBy.push(response.fallback?.answeredBy ?? 'unknown');
  }
  process.stdout.write(
    `${JSON.stringify({
      pid: process.pid,
      answeredBy,
      changes: changes.map(({ key, from, to }) => ({ key, from, to })),
      state: breaker.stateOf('openai/gpt-4.1-mini'),
    })}\n`,
  );
} finally {
  await redis.quit();
}
