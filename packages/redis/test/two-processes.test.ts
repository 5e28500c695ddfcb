import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { type OpenAISimulator, startOpenAISimulator } from '@stratum/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { uniquePrefix } from './support/redis.js';

/**
 * Real separate Node processes (not workers of this one) sharing one redis-server: each runs
 * test/child/run-client.ts from source through tsx, against one OpenAI simulator that counts
 * and timestamps every request that reaches "the vendor".
 */
const CHILD = fileURLToPath(new URL('./child/run-client.ts', import.meta.url));
const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

let simulator: OpenAISimulator;
beforeAll(async () => {
  simulator = await startOpenAISimulator();
});
afterAll(async () => {
  await simulator.close();
});
beforeEach(() => simulator.reset());

interface Child {
  process: ChildProcess;
  /** Resolves with each JSON line the child prints, in order. */
  nextLine(): Promise<Record<string, unknown>>;
  exited: Promise<void>;
}

function startChild(env: Record<string, string>): Child {
  const child = spawn(
    process.execPath,
    ['--conditions=@stratum/source', '--import', 'tsx', CHILD],
    {
      cwd: PACKAGE_ROOT,
      env: { ...process.env, REDIS_URL: inject('redisUrl'), BASE_URL: simulator.baseURL, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let buffered = '';
  let stderr = '';
  const lines: string[] = [];
  const waiting: Array<(line: string) => void> = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    for (let newline = buffered.indexOf('\n'); newline >= 0; newline = buffered.indexOf('\n')) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      const waiter = waiting.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = once(child, 'exit').then(([code]) => {
    if (code !== 0) throw new Error(`child exited with ${code}: ${stderr}`);
  });
  exited.catch(() => {});
  return {
    process: child,
    exited,
    nextLine: () => {
      const line = lines.shift();
      const text =
        line !== undefined
          ? Promise.resolve(line)
          : Promise.race([
              new Promise<string>((resolve) => waiting.push(resolve)),
              exited.then(() => {
                throw new Error(`child ended without printing: ${stderr}`);
              }),
            ]);
      return text.then((value) => JSON.parse(value));
    },
  };
}

describe('processes sharing one Redis', () => {
  it('share one response cache: the second process gets the first one’s answer', async () => {
    simulator.enqueue({
      kind: 'reply',
      reply: {
        text: 'Stored once, served twice',
        usage: { inputTokens: 1_000, outputTokens: 500 },
      },
    });
    const prefix = uniquePrefix('two-processes-cache');
    const first = startChild({ MODE: 'cache', PREFIX: prefix });
    const firstResult = await first.nextLine();
    await first.exited;
    const second = startChild({ MODE: 'cache', PREFIX: prefix });
    const secondResult = await second.nextLine();
    await second.exited;

    // gpt-4.1-mini at $0.40/M input and $1.60/M output: 1000 * 0.4e-6 + 500 * 1.6e-6 = $0.0012.
    expect(firstResult['chat']).toMatchObject({
      text: 'Stored once, served twice',
      cached: false,
      cost: 0.0012,
    });
    // The first process's own stream was already a hit on its chat.
    expect(firstResult['stream']).toMatchObject({ cached: true });
    expect(secondResult['chat']).toMatchObject({
      text: 'Stored once, served twice',
      cached: true,
      cost: 0,
      cacheInfo: { costSaved: 0.0012 },
    });
    expect(secondResult['stream']).toMatchObject({
      text: 'Stored once, served twice',
      cached: true,
    });
    expect(firstResult['pid']).not.toBe(secondResult['pid']);
    expect(simulator.requests).toHaveLength(1);
  }, 60_000);

  it('keep one rate limit between them', async () => {
    const times = await runLoad('redis');
    expect(limitExcess(times)).toBeLessThanOrEqual(1);
    // 50 calls need (50 - 10) refills of 200 ms: about 8 s from first to last, whoever sends them.
    const span = (times.at(-1) ?? 0) - (times[0] ?? 0);
    expect(span).toBeGreaterThanOrEqual(7_600);
    expect(span).toBeLessThan(40_000);
  }, 60_000);

  it('(control) break the limit when each keeps its own in memory, so the check above can fail', async () => {
    const times = await runLoad('memory');
    // Two buckets of 10 at once: about 10 calls over one limit, less the stamp jitter's 3.
    expect(limitExcess(times)).toBeGreaterThanOrEqual(4);
  }, 60_000);
});

/** Two processes, 25 calls each, released together; returns when each call was let through, in order. */
async function runLoad(store: 'redis' | 'memory'): Promise<number[]> {
  const prefix = uniquePrefix('two-processes-rate');
  const children = [0, 1].map(() =>
    startChild({ MODE: 'rate', PREFIX: prefix, COUNT: '25', STORE: store }),
  );
  for (const child of children) expect(await child.nextLine()).toEqual({ ready: true });
  for (const child of children) child.process.stdin?.write('go\n');
  const results = await Promise.all(children.map((child) => child.nextLine()));
  await Promise.all(children.map((child) => child.exited));
  expect(results.map((result) => result['calls'])).toEqual([25, 25]);
  expect(simulator.requests).toHaveLength(50);
  const times = results.flatMap((result) => {
    const admitted = result['admittedAt'];
    return Array.isArray(admitted) ? admitted.filter((time) => typeof time === 'number') : [];
  });
  expect(times).toHaveLength(50);
  // Both processes got calls into the first second: they really competed for the one limit.
  for (const result of results) {
    const admitted = Array.isArray(result['admittedAt']) ? result['admittedAt'] : [];
    expect(
      admitted.some((time) => typeof time === 'number' && time - Math.min(...times) < 2_000),
    ).toBe(true);
  }
  return times.sort((a, b) => a - b);
}

/**
 * Slack for the time between Redis admitting a call and the child stamping it: on a loaded
 * machine a child can be descheduled that long, which bunches its stamps. Three refills' worth;
 * the control above still breaks the limit by more than that.
 */
const STAMP_JITTER_MS = 600;

/**
 * How far the busiest run of requests goes over one limit of 300 per minute with 2 s of burst
 * (10 at once, then one per 200 ms): calls in the run minus what one bucket allows over its
 * span plus the stamp jitter.
 */
function limitExcess(times: number[]): number {
  const capacity = 10;
  const perMs = 300 / 60_000;
  let worst = Number.NEGATIVE_INFINITY;
  for (let first = 0; first < times.length; first += 1) {
    for (let last = first; last < times.length; last += 1) {
      const span = (times[last] ?? 0) - (times[first] ?? 0);
      worst = Math.max(worst, last - first + 1 - (capacity + perMs * (span + STAMP_JITTER_MS)));
    }
  }
  return worst;
}
