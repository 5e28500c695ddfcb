import { afterEach, describe, expect, it } from 'vitest';
import {
  calculateCost,
  createClient,
  createUsage,
  registerModel,
  unregisterModel,
} from '../src/index.js';
import { createFakeProvider, textResult } from './helpers/fake-provider.js';

const messages = [{ role: 'user' as const, content: 'hi' }];

describe('the per-call hot path', () => {
  afterEach(() => {
    unregisterModel('openai/gpt-hot-path');
  });

  it('sees a registration made after the client resolved the model once', async () => {
    const client = createClient({
      providers: [createFakeProvider({ name: 'openai', chat: () => textResult('ok') })],
    });
    const before = await client.chat({ model: 'openai/gpt-hot-path', messages });
    expect(before.cost).toBeUndefined();
    registerModel({ id: 'openai/gpt-hot-path', pricing: { input: 2, output: 8 } });
    const after = await client.chat({ model: 'openai/gpt-hot-path', messages });
    // 10 input × $2/M + 5 output × $8/M = $0.00002 + $0.00004 = $0.00006
    expect(after.cost?.total).toBeCloseTo(0.00006, 15);
    unregisterModel('openai/gpt-hot-path');
    expect((await client.chat({ model: 'openai/gpt-hot-path', messages })).cost).toBeUndefined();
  });

  it('gives every call its own request id, made once', async () => {
    const ids: string[] = [];
    const client = createClient({
      providers: [createFakeProvider({ name: 'openai', chat: () => textResult('ok') })],
      middleware: [
        {
          name: 'capture-id',
          chat: (context, next) => {
            ids.push(context.requestId, context.requestId);
            context.state.set('seen', true);
            return next(context);
          },
        },
      ],
    });
    await client.chat({ model: 'openai/gpt-4.1-mini', messages });
    await client.chat({ model: 'openai/gpt-4.1-mini', messages });
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).toBe(ids[3]);
    expect(ids[0]).not.toBe(ids[2]);
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('prices calls too large for plain numbers exactly, with BigInt', () => {
    registerModel({ id: 'openai/gpt-hot-path', pricing: { input: 75, output: 150 } });
    // 1e9 input tokens × 75e6 picodollars = 7.5e16 picodollars: above 2^53 (≈ 9.007e15).
    const cost = calculateCost(
      'openai/gpt-hot-path',
      createUsage({ inputTokens: 1_000_000_000, outputTokens: 3 }),
    );
    expect(cost?.input).toBe(75_000);
    // 3 × $150/M = $0.00045
    expect(cost?.output).toBe(0.00045);
    expect(cost?.total).toBe(75_000.00045);
  });
});
