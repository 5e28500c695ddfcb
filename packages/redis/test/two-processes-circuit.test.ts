import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type OpenAISimulator, type SimulatorStep, startOpenAISimulator } from '@stratum/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { uniquePrefix } from './support/redis.js';

/**
 * Separate Node processes (test/child/run-breaker-client.ts through tsx) sharing one circuit in
 * one redis-server, against one OpenAI simulator. The primary model's requests are told apart
 * from the fallback's by the model in the request body.
 */
const CHILD = fileURLToPath(new URL('./child/run-breaker-client.ts', import.meta.url));
const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

let simulator: OpenAISimulator;
beforeAll(async () => {
  simulator = await startOpenAISimulator();
});
afterAll(async () => {
  await simulator.close();
});
beforeEach(() => simulator.reset());

async function child(env: Record<string, string>): Promise<Record<string, unknown>> {
  const { stdout } = await run(
    process.execPath,
    ['--conditions=@stratum/source', '--import', 'tsx', CHILD],
    {
      cwd: PACKAGE_ROOT,
      env: { ...process.env, REDIS_URL: inject('redisUrl'), BASE_URL: simulator.baseURL, ...env },
      timeout: 60_000,
    },
  );
  return JSON.parse(stdout.trim());
}

const primaryRequests = () =>
  simulator.requests.filter(
    (request) =>
      typeof request.body === 'object' &&
      request.body !== null &&
      Reflect.get(request.body, 'model') === 'gpt-4.1-mini',
  ).length;

/** The primary answers 503 and the fallback answers, `calls` times over. */
function outage(calls: number): SimulatorStep[] {
  return Array.from({ length: calls }).flatMap((): SimulatorStep[] => [
    { kind: 'error', status: 503 },
    { kind: 'reply', reply: { text: 'From the fallback' } },
  ]);
}

describe('processes sharing one circuit in Redis', () => {
  it('see the same open circuit, and share its one probe', async () => {
    const prefix = uniquePrefix('two-processes-circuit');
    simulator.enqueue(...outage(5));
    const first = await child({ PREFIX: prefix, CALLS: '5' });
    expect(first['changes']).toEqual([{ key: 'openai/gpt-4.1-mini', from: 'closed', to: 'open' }]);
    expect(primaryRequests()).toBe(5);

    // Another process, which never saw a failure itself: the circuit is open for it too.
    const second = await child({ PREFIX: prefix, CALLS: '3' });
    expect(second['pid']).not.toBe(first['pid']);
    expect(second['answeredBy']).toEqual([
      'openai/gpt-4o-mini',
      'openai/gpt-4o-mini',
      'openai/gpt-4o-mini',
    ]);
    expect(second['state']).toBe('open');
    // It learnt the state from Redis on its first call: no change of its own to report.
    expect(second['changes']).toEqual([]);
    expect(primaryRequests()).toBe(5);

    // 31 s later (by the processes' clocks): the probe of one process closes it for the other.
    simulator.enqueue({ kind: 'reply', reply: { text: 'Back up' } });
    const third = await child({ PREFIX: prefix, CALLS: '1', CLOCK_OFFSET_MS: '31000' });
    expect(third['answeredBy']).toEqual(['openai/gpt-4.1-mini']);
    expect(third['changes']).toEqual([
      { key: 'openai/gpt-4.1-mini', from: 'open', to: 'half-open' },
      { key: 'openai/gpt-4.1-mini', from: 'half-open', to: 'closed' },
    ]);
    const fourth = await child({ PREFIX: prefix, CALLS: '1', CLOCK_OFFSET_MS: '31000' });
    expect(fourth['answeredBy']).toEqual(['openai/gpt-4.1-mini']);
    expect(fourth['state']).toBe('closed');
    expect(primaryRequests()).toBe(7);
  }, 120_000);

  it('(control) do not share a circuit kept in memory, so the check above can fail', async () => {
    simulator.enqueue(...outage(5));
    const prefix = uniquePrefix('two-processes-circuit');
    const first = await child({ PREFIX: prefix, CALLS: '5', STORE: 'memory' });
    expect(first['state']).toBe('open');
    const second = await child({ PREFIX: prefix, CALLS: '1', STORE: 'memory' });
    expect(second['answeredBy']).toEqual(['openai/gpt-4.1-mini']);
    expect(primaryRequests()).toBe(6);
  }, 60_000);
});
