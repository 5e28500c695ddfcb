import { calculateCost, createUsage } from '@stratum/core';
import { expect, it } from 'vitest';
import { runQuickstart } from '../src/run-quickstart.js';

it('prints the recorded replies with their usage and exact cost', async () => {
  let printed = '';
  await runQuickstart({ write: (text) => (printed += text) });
  expect(printed).toContain('**Holiday Name:** Galaxy Day');
  // The recorded stream reports 16 prompt and 300 completion tokens.
  expect(printed).toContain('usage: 16 input (0 cached), 300 output (0 reasoning), 316 total');
  const cost = calculateCost(
    'openai/gpt-4.1-nano',
    createUsage({ inputTokens: 16, outputTokens: 300 }),
  );
  expect(cost).toBeDefined();
  // gpt-4.1-nano: $0.10/M input, $0.40/M output → 16 × 0.1e-6 + 300 × 0.4e-6 = $0.0001216.
  expect(cost?.total).toBeCloseTo(0.0001216, 12);
  expect(printed).toContain('cost:  $0.0001216');
});
