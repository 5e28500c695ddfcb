import { createClient } from '@stratum/core';
import { createMemoryStore, createTracker, formatUsd } from '@stratum/tracker';
import { AGENT_MODEL, runAgent, spendByStep } from './agent-loop.js';
import { connectVendor } from './connect-vendor.js';

const question =
  process.argv
    .slice(2)
    .filter((arg) => arg !== '--')
    .join(' ') || 'Is it warmer in Paris or in Lisbon right now?';

const vendor = await connectVendor(process.env);
try {
  // createSqliteStore({ path: 'usage.db' }) instead keeps the records across runs.
  const tracker = createTracker({ store: createMemoryStore() });
  const client = createClient({ providers: [vendor.provider], middleware: [tracker.middleware] });
  console.log(`${vendor.description}\nAgent on ${AGENT_MODEL}: ${question}\n`);

  const run = await runAgent(client, question);
  for (const step of run.steps) {
    for (const call of step.toolCalls) {
      console.log(
        `step ${step.step}  ${call.name}(${JSON.stringify(call.arguments)}) → ${call.result}`,
      );
    }
  }
  console.log(`\n${run.answer}\n\nSpend by step (from the tracker):`);
  const spend = await spendByStep(tracker);
  for (const step of spend.steps) {
    console.log(
      `  step ${step.step}  $${formatUsd(step.cost)}  (${step.inputTokens} input + ${step.outputTokens} output tokens)`,
    );
  }
  console.log(`  total   $${formatUsd(spend.total)}`);
} finally {
  await vendor.close();
}
