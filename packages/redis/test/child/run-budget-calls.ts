/**
 * One "app process" for the shared-budget test: a client on the OpenAI simulator whose tracker
 * keeps its budget in Redis. It waits for "go" on stdin, makes COUNT concurrent calls and prints
 * how they ended.
 */
import { createInterface } from 'node:readline';
import { BudgetExceededError, createClient } from '@stratum/core';
import { createOpenAI } from '@stratum/provider-openai';
import { budget, createMemoryStore, createTracker } from '@stratum/tracker';
import { Redis } from 'ioredis';
import { createRedisBudgetStore } from '../../src/index.js';
import { BUDGET_CALL } from './budget-call.js';

const { REDIS_URL, BASE_URL, PREFIX, COUNT, LIMIT_USD } = process.env;
if (!REDIS_URL || !BASE_URL || !PREFIX || !LIMIT_USD) {
  throw new Error('run-budget-calls.ts needs REDIS_URL, BASE_URL, PREFIX and LIMIT_USD');
}
const redis = new Redis(REDIS_URL);
const tracker = createTracker({
  store: createMemoryStore(),
  budgetStore: createRedisBudgetStore(redis, { prefix: PREFIX }),
  budgets: [budget({ name: 'shared', limitUsd: Number(LIMIT_USD), period: 'month' })],
  // The simulator reports exactly the tokenizer's prompt count, so no margin is needed.
  reservation: { inputTokenMargin: 1 },
  logger: {
    info: () => undefined,
    error: (event) => process.stderr.write(`${JSON.stringify(event)}\n`),
  },
});
const client = createClient({
  providers: [createOpenAI({ apiKey: 'sk-test-RedisBudgetChild000000000', baseURL: BASE_URL })],
  middleware: [tracker.middleware],
});
const say = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);
say({ ready: true });
for await (const line of createInterface({ input: process.stdin })) if (line === 'go') break;
const results = await Promise.allSettled(
  Array.from({ length: Number(COUNT ?? '500') }, () => client.chat(BUDGET_CALL)),
);
const blocked = results.filter(
  (result) => result.status === 'rejected' && result.reason instanceof BudgetExceededError,
).length;
const succeeded = results.filter((result) => result.status === 'fulfilled').length;
const [recorded] = await tracker.query();
say({
  succeeded,
  blocked,
  failed: results.length - succeeded - blocked,
  recordedCost: String(recorded?.cost.total ?? 0n),
});
await redis.quit();
process.exit(0);
