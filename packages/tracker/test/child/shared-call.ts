import type { BudgetOptions } from '../../src/index.js';

/** The call every child makes: its worst case is its real cost, known in advance. */
export const CALL_REQUEST = {
  model: 'openai/gpt-4.1-mini',
  messages: [{ role: 'user' as const, content: 'Summarize the shared budget in one line.' }],
  maxOutputTokens: 100,
};

export const SHARED_BUDGET: Omit<BudgetOptions, 'limitUsd'> = { name: 'shared', period: 'month' };
