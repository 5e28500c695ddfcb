import { startOpenAISimulator } from '@stratum/testing';
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

describe('startDemoGateway with a vendor key in the environment', () => {
  it('calls that vendor live, at its base URL, and labels it live; the others stay simulated', async () => {
    // Stands in for api.openai.com: the live provider must reach it with the user's key.
    const upstream = await startOpenAISimulator();
    const live = await startDemoGateway({
      environment: {
        OPENAI_API_KEY: 'sk-live-from-environment',
        OPENAI_BASE_URL: upstream.baseURL,
      },
    });
    try {
      expect(live.modes).toEqual({ openai: 'live', anthropic: 'demo', google: 'demo' });
      const response = await fetch(`${live.url}/api/models/generate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'openai/gpt-4.1-mini',
          messages: [{ role: 'user', content: 'Say hello' }],
        }),
      });
      expect(response.status).toBe(200);
      expect(upstream.requests).toHaveLength(1);
      expect(upstream.requests[0]?.headers['authorization']).toBe(
        'Bearer sk-live-from-environment',
      );
      expect(live.simulators.openai.requests).toHaveLength(0);
      const providers = await (await fetch(`${live.url}/api/models/providers`)).json();
      expect(providers.providers).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'openai', mode: 'live' }),
          expect.objectContaining({ name: 'anthropic', mode: 'demo' }),
        ]),
      );
      expect(await response.text()).not.toContain('sk-live-from-environment');
    } finally {
      await live.close();
      await upstream.close();
    }
  });
});
