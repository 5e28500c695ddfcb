import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoGateway, startDemoGateway } from '../src/demo/start-demo-gateway.js';

let demo: DemoGateway;

beforeAll(async () => {
  demo = await startDemoGateway();
});
afterAll(async () => {
  await demo.close();
});

async function generate(model: string) {
  const response = await fetch(`${demo.url}/api/models/generate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Say hello' }] }),
  });
  expect(response.status, model).toBe(200);
  return (await response.json()).response;
}

describe('startDemoGateway', () => {
  it('listens on 127.0.0.1 and answers through each vendor simulator', async () => {
    expect(demo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const answers = [
      ['openai/gpt-4.1-mini', demo.simulators.openai],
      ['anthropic/claude-haiku-4-5', demo.simulators.anthropic],
      ['google/gemini-2.5-flash', demo.simulators.google],
    ] as const;
    for (const [model, simulator] of answers) {
      const before = simulator.requests.length;
      const response = await generate(model);
      expect(response.provider).toBe(model.split('/')[0]);
      expect(response.text).toContain('Say hello');
      expect(BigInt(response.cost.picodollars)).toBeGreaterThan(0n);
      expect(simulator.requests.length).toBe(before + 1);
    }
    const summary = await demo.tracker.summary();
    expect(summary.calls).toBe(3);
  });

  it('routes model "auto" and says why', async () => {
    const response = await generate('auto');
    expect(response.routing.route).toBe('auto');
    expect(typeof response.routing.complexity).toBe('number');
    expect(response.routing.candidates.length).toBeGreaterThan(0);
    expect(
      ['google/gemini-2.5-flash', 'openai/gpt-4.1-mini', 'anthropic/claude-sonnet-4-5'].includes(
        response.modelId,
      ),
    ).toBe(true);
  });

  it('closes its port and its simulators', async () => {
    const other = await startDemoGateway();
    await other.close();
    await expect(fetch(`${other.url}/health`)).rejects.toThrow();
    await expect(fetch(`${other.simulators.openai.origin}/v1/models`)).rejects.toThrow();
  });
});
