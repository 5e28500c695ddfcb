/**
 * One "app process" for the multi-process tests: a client on the OpenAI simulator with the
 * tracker, its records and budget in a SQLite file. MODE=budget waits for "go" on stdin, makes
 * COUNT concurrent calls and prints how they ended; MODE=forever makes calls until it is
 * killed, printing each response id once the response has reached it.
 */
import { createInterface } from 'node:readline';
import { BudgetExceededError, createClient } from '@stratum/core';
import { createOpenAI } from '@stratum/provider-openai';
import { budget, createSqliteStore, createTracker } from '../../src/index.js';
import { CALL_REQUEST, SHARED_BUDGET } from './shared-call.js';

const { BASE_URL, DB_PATH, MODE, COUNT, LIMIT_USD } = process.env;
if (!BASE_URL || !DB_PATH || !MODE)
  throw new Error('run-calls.ts needs BASE_URL, DB_PATH and MODE');

const shared = budget({ ...SHARED_BUDGET, limitUsd: Number(LIMIT_USD ?? '1') });
const tracker = createTracker({
  store: createSqliteStore({ path: DB_PATH }),
  budgets: MODE === 'budget' ? [shared] : [],
  // The simulator reports exactly the tokenizer's prompt count, so no margin is needed.
  reservation: { inputTokenMargin: 1 },
  logger: {
    info: () => undefined,
    error: (event) => process.stderr.write(`${JSON.stringify(event)}\n`),
  },
});
const client = createClient({
  providers: [createOpenAI({ apiKey: 'sk-test-TrackerChildProcess000000', baseURL: BASE_URL })],
  middleware: [tracker.middleware],
});
const say = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);

if (MODE === 'budget') {
  say({ ready: true });
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) if (line === 'go') break;
  const results = await Promise.allSettled(
    Array.from({ length: Number(COUNT ?? '500') }, () => client.chat(CALL_REQUEST)),
  );
  const succeeded = results.filter((result) => result.status === 'fulfilled').length;
  const blocked = results.filter(
    (result) => result.status === 'rejected' && result.reason instanceof BudgetExceededError,
  ).length;
  const failures = results
    .filter(
      (result) => result.status === 'rejected' && !(result.reason instanceof BudgetExceededError),
    )
    .map((result) => (result.status === 'rejected' ? String(result.reason) : ''));
  say({ succeeded, blocked, failures: failures.slice(0, 3), failed: failures.length });
  await tracker.close();
  process.exit(0);
} else {
  const worker = async () => {
    for (;;) {
      const response = await client.chat(CALL_REQUEST);
      say({ id: response.id });
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}
