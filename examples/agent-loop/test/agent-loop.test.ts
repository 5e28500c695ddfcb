import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { calculateCost, createClient, createUsage, toPicodollars } from '@stratum/core';
import { createOpenAI } from '@stratum/provider-openai';
import { type OpenAISimulator, startOpenAISimulator } from '@stratum/testing';
import { createMemoryStore, createTracker, formatUsd } from '@stratum/tracker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_MODEL, runAgent, spendByStep } from '../src/agent-loop.js';

let simulator: OpenAISimulator;
beforeAll(async () => {
  simulator = await startOpenAISimulator();
});
afterAll(async () => {
  await simulator.close();
});

const catalogCost = (inputTokens: number, outputTokens: number): bigint => {
  const cost = calculateCost(AGENT_MODEL, createUsage({ inputTokens, outputTokens }));
  if (!cost) throw new Error(`${AGENT_MODEL} has no catalog price`);
  return toPicodollars(cost.total);
};

describe('the agent loop', () => {
  it('runs the tool round trips and its spend by step adds up to the tracker total', async () => {
    simulator.reset();
    simulator.enqueue(
      {
        kind: 'reply',
        reply: {
          toolCalls: [{ id: 'call_paris', name: 'get_weather', arguments: { city: 'Paris' } }],
          usage: { inputTokens: 120, outputTokens: 15 },
        },
      },
      {
        kind: 'reply',
        reply: {
          // An unknown city: the tool's error goes back to the model, flagged as one.
          toolCalls: [
            { id: 'call_lisbon', name: 'get_weather', arguments: { city: 'Lisbon' } },
            { id: 'call_atlantis', name: 'get_weather', arguments: { city: 'Atlantis' } },
          ],
          usage: { inputTokens: 180, outputTokens: 30 },
        },
      },
      {
        kind: 'reply',
        reply: {
          text: 'Lisbon is warmer: 21 °C against 14 °C.',
          usage: { inputTokens: 260, outputTokens: 12 },
        },
      },
    );
    const tracker = createTracker({ store: createMemoryStore() });
    const client = createClient({
      providers: [createOpenAI({ apiKey: 'sk-test', baseURL: simulator.baseURL })],
      middleware: [tracker.middleware],
    });
    const run = await runAgent(client, 'Is it warmer in Paris or in Lisbon?');

    expect(run.answer).toBe('Lisbon is warmer: 21 °C against 14 °C.');
    expect(run.steps.map((step) => step.toolCalls.length)).toEqual([1, 2, 0]);
    expect(simulator.requests).toHaveLength(3);
    // Each result went back under its call's id, after the assistant turn that asked for it.
    const second = simulator.requests[1]?.body;
    expect(second).toMatchObject({
      messages: expect.arrayContaining([
        expect.objectContaining({
          role: 'tool',
          tool_call_id: 'call_paris',
          content: '{"city":"Paris","celsius":14,"sky":"cloudy"}',
        }),
      ]),
    });
    const third = JSON.stringify(simulator.lastRequestBody());
    expect(third).toContain('"tool_call_id":"call_lisbon"');
    expect(third).toContain('No weather for {\\"city\\":\\"Atlantis\\"}');

    // Spend by step from the tracker: each step the catalog price of its usage, summing to the total.
    const spend = await spendByStep(tracker);
    expect(spend.steps.map((step) => [step.step, step.calls, step.cost])).toEqual([
      ['1', 1, catalogCost(120, 15)],
      ['2', 1, catalogCost(180, 30)],
      ['3', 1, catalogCost(260, 12)],
    ]);
    expect(spend.steps.map((step) => step.cost)).toEqual(run.steps.map((step) => step.cost));
    const sum = spend.steps.reduce((total, step) => total + step.cost, 0n);
    expect(sum).toBe(spend.total);
    // gpt-4.1-mini: $0.40/M input, $1.60/M output → 560 × 0.4e-6 + 57 × 1.6e-6 = $0.0003152.
    expect(formatUsd(spend.total)).toBe('0.000315200000');
  });

  it('stops a model that never answers', async () => {
    simulator.reset();
    const ask = {
      kind: 'reply' as const,
      reply: { toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] },
    };
    simulator.enqueue(ask, ask);
    const client = createClient({
      providers: [createOpenAI({ apiKey: 'sk-test', baseURL: simulator.baseURL })],
    });
    await expect(runAgent(client, 'Weather in Oslo?', 2)).rejects.toThrow(
      'asked for tools 2 times without answering',
    );
  });
});

describe('pnpm start, offline', () => {
  it('runs on its own simulator with no key and prints the spend by step', async () => {
    const env = { ...process.env };
    delete env['OPENAI_API_KEY'];
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--conditions=@stratum/source',
        '--import',
        'tsx',
        'src/main.ts',
        'Is Oslo colder than Lisbon?',
      ],
      { cwd: fileURLToPath(new URL('..', import.meta.url)), env },
    );
    expect(stdout).toContain('openai: local simulator at http://127.0.0.1:');
    expect(stdout).toContain(
      'step 1  get_weather({"city":"Lisbon"}) → {"city":"Lisbon","celsius":21',
    );
    expect(stdout).toContain('step 2  get_weather({"city":"Oslo"}) → {"city":"Oslo","celsius":3');
    const steps = [...stdout.matchAll(/^ {2}step (\d) {2}\$([\d.]+)/gm)];
    expect(steps.map((match) => match[1])).toEqual(['1', '2', '3']);
    const picodollars = (usd: string | undefined) => BigInt(String(usd).replace('.', ''));
    const sum = steps.reduce((total, match) => total + picodollars(match[2]), 0n);
    expect(sum).toBe(picodollars(/^ {2}total {3}\$([\d.]+)/m.exec(stdout)?.[1]));
    expect(sum).toBeGreaterThan(0n);
  });
});
