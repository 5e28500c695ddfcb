import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { calculateCost, createUsage, resolveModel } from '@stratum/core';
import { estimateRequestTokens } from '@stratum/middleware';
import { type OpenAISimulator, startOpenAISimulator } from '@stratum/testing';
import { budget, createMemoryStore, createTracker } from '@stratum/tracker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRedisBudgetStore } from '../src/index.js';
import { BUDGET_CALL } from './child/budget-call.js';
import { connectRedis, uniquePrefix } from './support/redis.js';

const CHILD = fileURLToPath(new URL('./child/run-budget-calls.ts', import.meta.url));
const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));
const redis = connectRedis();
let simulator: OpenAISimulator;
let callCostUsd = 0;

beforeAll(async () => {
  const promptTokens = await estimateRequestTokens(
    { ...BUDGET_CALL, maxOutputTokens: 0 },
    resolveModel(BUDGET_CALL.model),
  );
  const usage = { inputTokens: promptTokens, outputTokens: BUDGET_CALL.maxOutputTokens };
  callCostUsd = calculateCost(BUDGET_CALL.model, createUsage(usage))?.total ?? 0;
  // A known cost per call: the simulator reports the prompt's tokens and maxOutputTokens.
  simulator = await startOpenAISimulator({ defaultReply: () => ({ text: 'Shared.', usage }) });
});
afterAll(async () => {
  await simulator.close();
});

/** A separate Node process running the child from source; resolves each JSON line it prints. */
function startChild(env: Record<string, string>) {
  const child = spawn(
    process.execPath,
    ['--conditions=@stratum/source', '--import', 'tsx', CHILD],
    {
      cwd: PACKAGE_ROOT,
      env: { ...process.env, REDIS_URL: inject('redisUrl'), BASE_URL: simulator.baseURL, ...env },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = once(child, 'exit');
  return {
    child,
    exited,
    async nextLine(): Promise<Record<string, unknown>> {
      const { value, done } = await lines.next();
      if (done) throw new Error('the child ended without printing');
      return JSON.parse(value);
    },
  };
}

describe('two processes sharing one Redis budget', () => {
  it('500 concurrent calls each against exactly 100 calls’ worth: never overspent, ≥ 95 succeed', async () => {
    expect(callCostUsd).toBeGreaterThan(0);
    const limitUsd = callCostUsd * 100;
    const prefix = uniquePrefix('shared-budget');
    const env = { PREFIX: prefix, COUNT: '500', LIMIT_USD: String(limitUsd) };
    const children = [startChild(env), startChild(env)];
    for (const each of children) expect(await each.nextLine()).toEqual({ ready: true });
    for (const each of children) each.child.stdin?.write('go\n');
    const outcomes = await Promise.all(children.map((each) => each.nextLine()));
    await Promise.all(children.map((each) => each.exited));
    expect(outcomes.map((outcome) => outcome['failed'])).toEqual([0, 0]);
    const succeeded = outcomes.reduce((sum, outcome) => sum + Number(outcome['succeeded']), 0);
    const blocked = outcomes.reduce((sum, outcome) => sum + Number(outcome['blocked']), 0);
    expect(succeeded + blocked).toBe(1_000);
    expect(succeeded).toBeGreaterThanOrEqual(95);
    expect(simulator.requests.length).toBe(succeeded);

    const shared = budget({ name: 'shared', limitUsd, period: 'month' });
    createTracker({
      store: createMemoryStore(),
      budgetStore: createRedisBudgetStore(redis, { prefix }),
      budgets: [shared],
      logger: { info: () => undefined, error: () => undefined },
    });
    const status = await shared.status();
    expect(status.reservedUsd).toBe(0);
    expect(status.spentUsd).toBeLessThanOrEqual(limitUsd);
    // What the two processes recorded adds up to what the budget settled, to the picodollar.
    const recorded = outcomes.reduce(
      (sum, outcome) => sum + BigInt(String(outcome['recordedCost'])),
      0n,
    );
    expect(BigInt(Math.round(status.spentUsd * 1e12))).toBe(recorded);
  }, 120_000);
});
