import { DatabaseSync } from 'node:sqlite';
import { calculateCost, createUsage, resolveModel } from '@stratum/core';
import { estimateRequestTokens } from '@stratum/middleware';
import { type OpenAISimulator, startOpenAISimulator } from '@stratum/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budget, createSqliteStore, createTracker } from '../src/index.js';
import { CALL_REQUEST, SHARED_BUDGET } from './child/shared-call.js';
import { type Child, startChild } from './support/child-process.js';
import { captureLogger, useTempDir } from './support/temp-dir.js';

const nextPath = useTempDir('processes');
let simulator: OpenAISimulator;
/** Every response id the simulator sent: its log of completed responses. */
const sent: string[] = [];
let promptTokens = 0;

beforeAll(async () => {
  const model = resolveModel(CALL_REQUEST.model);
  promptTokens = await estimateRequestTokens({ ...CALL_REQUEST, maxOutputTokens: 0 }, model);
  simulator = await startOpenAISimulator({
    defaultReply: () => ({
      text: 'A budget shared by every process.',
      usage: { inputTokens: promptTokens, outputTokens: CALL_REQUEST.maxOutputTokens },
    }),
    decorateBody: (body) => {
      if (typeof body['id'] === 'string') sent.push(body['id']);
      return body;
    },
  });
});
afterAll(async () => {
  await simulator.close();
});

/** The known cost of one call, in dollars: the prompt and maxOutputTokens at gpt-4.1-mini's prices. */
function callCostUsd(): number {
  const usage = createUsage({
    inputTokens: promptTokens,
    outputTokens: CALL_REQUEST.maxOutputTokens,
  });
  const cost = calculateCost(CALL_REQUEST.model, usage);
  if (!cost) throw new Error('gpt-4.1-mini has no price in the catalog');
  return cost.total;
}

describe('two processes on one SQLite file', () => {
  it('500 concurrent calls each, one budget of exactly 100 calls: never overspent, ≥ 95 succeed', async () => {
    const path = nextPath();
    const perCall = callCostUsd();
    const limitUsd = perCall * 100;
    // Create the schema once, so the two children do not race to create it.
    createSqliteStore({ path }).close();
    const env = {
      BASE_URL: simulator.baseURL,
      DB_PATH: path,
      MODE: 'budget',
      COUNT: '500',
      LIMIT_USD: String(limitUsd),
    };
    const children: Child[] = [startChild(env), startChild(env)];
    await Promise.all(children.map((child) => child.waitForLines(1)));
    for (const child of children) child.process.stdin?.write('go\n');
    await Promise.all(children.map((child) => child.waitForLines(2)));
    const outcomes = children.map((child) => child.lines[1] ?? {});
    for (const child of children) expect(await child.exited, child.stderr()).toBe(0);
    const succeeded = outcomes.reduce((sum, outcome) => sum + Number(outcome['succeeded']), 0);
    const blocked = outcomes.reduce((sum, outcome) => sum + Number(outcome['blocked']), 0);
    expect(outcomes.map((outcome) => outcome['failed'])).toEqual([0, 0]);
    expect(succeeded + blocked).toBe(1_000);
    expect(succeeded).toBeGreaterThanOrEqual(95);
    expect(succeeded).toBeLessThanOrEqual(100);

    const shared = budget({ ...SHARED_BUDGET, limitUsd });
    const tracker = createTracker({
      store: createSqliteStore({ path }),
      budgets: [shared],
      logger: captureLogger(),
    });
    const status = await shared.status();
    expect(status.reservedUsd).toBe(0);
    expect(status.spentUsd).toBeLessThanOrEqual(limitUsd);
    const [total] = await tracker.query();
    expect(total?.calls).toBe(1_000);
    expect(total?.errors).toEqual({ BudgetExceededError: blocked });
    // The settled spend is the recorded spend of the calls that ran, to the picodollar.
    expect(total?.cost.total).toBe(BigInt(Math.round(status.spentUsd * 1e12)));
    await tracker.close();
  });
});

describe('a process killed with SIGKILL', () => {
  it('loses no call whose response reached it', async () => {
    const path = nextPath();
    createSqliteStore({ path }).close();
    sent.length = 0;
    const child = startChild({ BASE_URL: simulator.baseURL, DB_PATH: path, MODE: 'forever' });
    await child.waitForLines(200);
    child.process.kill('SIGKILL');
    expect(await child.exited).toBeNull();
    const delivered = child.lines.map((line) => String(line['id']));

    const database = new DatabaseSync(path);
    const stored = new Set(
      database
        .prepare('SELECT response_id FROM calls')
        .all()
        .map((row) => String(row['response_id'])),
    );
    database.close();
    const missing = delivered.filter((id) => !stored.has(id));
    expect(missing).toEqual([]);
    // Nothing recorded that the simulator did not send, and at most the calls in flight unrecorded.
    const sentIds = new Set(sent);
    expect([...stored].every((id) => sentIds.has(id))).toBe(true);
    expect(sent.length - stored.size).toBeLessThanOrEqual(4);
  });
});
