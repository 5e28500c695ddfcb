import { ProviderUnavailableError } from '@stratum/core';
import { describe, expect, it } from 'vitest';
import {
  createMemoryRetryBudgetStore,
  createRetryBudget,
  readRetryState,
  retry,
  retryBudgetBalance,
} from '../src/index.js';
import { clientWith, contextSpy, hello, mockProvider, rejection } from './support/test-client.js';

describe('retry budget', () => {
  it('allows the reserve plus a share of calls over the window, then refuses', () => {
    const clock = 0;
    const budget = createRetryBudget({
      ratio: 0.1,
      minRetriesPerSecond: 0.2,
      windowMs: 10_000,
      store: createMemoryRetryBudgetStore({ now: () => clock }),
    });
    for (let call = 0; call < 30; call += 1) budget.deposit('openai');
    // Reserve 0.2/s * 10 s = 2, plus 0.1 * 30 calls = 3: five retries, not a sixth.
    const granted = Array.from({ length: 8 }, () => budget.tryWithdraw('openai'));
    expect(granted).toEqual([true, true, true, true, true, false, false, false]);
    // Another key has its own budget.
    expect(budget.tryWithdraw('anthropic')).toBe(true);
  });

  it('slides: calls and retries older than the window stop counting', () => {
    let clock = 0;
    const budget = createRetryBudget({
      ratio: 0,
      minRetriesPerSecond: 0.1,
      windowMs: 10_000,
      store: createMemoryRetryBudgetStore({ now: () => clock }),
    });
    // Reserve: 0.1/s * 10 s = 1 retry per window.
    expect(budget.tryWithdraw('k')).toBe(true);
    expect(budget.tryWithdraw('k')).toBe(false);
    clock = 9_999;
    expect(budget.tryWithdraw('k')).toBe(false);
    clock = 10_000;
    expect(budget.tryWithdraw('k')).toBe(true);
  });

  it('keeps a failing vendor from getting more than the budgeted retries under load', async () => {
    const provider = mockProvider({ error: { status: 503, message: 'down' } });
    const spy = contextSpy();
    const client = clientWith(provider, [
      retry({
        maxAttempts: 5,
        sleep: async () => {},
        budget: createRetryBudget({ ratio: 0.1, minRetriesPerSecond: 1, windowMs: 10_000 }),
      }),
      spy.middleware,
    ]);
    const results = await Promise.all(
      Array.from({ length: 100 }, () => rejection(client.chat(hello))),
    );
    expect(results.every((error) => error instanceof ProviderUnavailableError)).toBe(true);
    // 100 first attempts + at most 1/s * 10 s + 0.1 * 100 = 20 retries. Without a budget: 500 calls.
    expect(provider.calls.length).toBe(120);
    const exhausted = spy.contexts.filter(
      (context) => readRetryState(context)?.stopReason === 'budget-exhausted',
    );
    expect(exhausted.length).toBeGreaterThan(0);
  });

  it('computes the balance the way Finagle does', () => {
    expect(
      retryBudgetBalance({ ratio: 0.2, minRetriesPerSecond: 10, windowMs: 10_000 }, 50, 30),
    ).toBe(100 + 10 - 30);
  });

  it('rejects settings that cannot work', () => {
    expect(() => createRetryBudget({ ratio: 2 })).toThrow(/ratio/);
    expect(() => createRetryBudget({ windowMs: 10 })).toThrow(/windowMs/);
    expect(() => createRetryBudget({ minRetriesPerSecond: -1 })).toThrow(/minRetriesPerSecond/);
  });
});
