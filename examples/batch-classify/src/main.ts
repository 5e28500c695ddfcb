import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatUsd } from '@stratum/tracker';
import { classifyBatch, createBatchClient } from './classify-batch.js';
import { connectVendors } from './connect-vendors.js';
import { readPrompts, writeCostReport } from './prompts-csv.js';

// `pnpm start -- --budget 1` passes the `--` on; `npm start -- …` does not.
const args = process.argv.slice(2).filter((arg) => arg !== '--');
const { values } = parseArgs({
  args,
  options: {
    input: { type: 'string', default: new URL('../data/prompts.csv', import.meta.url).pathname },
    report: { type: 'string', default: 'cost-report.csv' },
    // Small on purpose: the sample batch needs more, so you see the budget stop it.
    budget: { type: 'string', default: '0.0002' },
  },
});
const limitUsd = Number(values.budget);
if (!(limitUsd >= 0)) {
  console.error(`--budget takes a number of US dollars, e.g. --budget 0.5; got "${values.budget}"`);
  process.exit(2);
}

const vendors = await connectVendors(process.env);
try {
  for (const line of vendors.description) console.log(line);
  const rows = await readPrompts(values.input);
  const { client, tracker } = createBatchClient(vendors.providers, limitUsd, (alert) => {
    console.log(
      `  budget ${alert.budget}: ${alert.threshold * 100}% passed, $${alert.spentUsd} spent`,
    );
  });
  console.log(`Classifying ${rows.length} prompts with model 'auto', budget $${limitUsd}\n`);

  const { results, stoppedBy } = await classifyBatch(client, rows);
  for (const row of results) {
    const routed = `${row.model}, complexity ${row.complexity?.toFixed(2)}`;
    const detail = row.model ? `${row.label} (${routed}, $${formatUsd(row.cost)})` : '';
    console.log(`${row.id.padStart(4)}  ${row.status.padEnd(16)}${detail}`);
  }
  if (stoppedBy?.budget) {
    const { spentUsd, requestedUsd, limitUsd: limit } = stoppedBy.budget;
    console.log(
      `\nStopped by the budget: spent $${spentUsd}, the next call could cost up to $${requestedUsd}, limit $${limit}.`,
    );
  }
  const report = resolve(values.report);
  await writeCostReport(report, results, formatUsd);
  const summary = await tracker.summary();
  console.log(
    `Tracked: ${summary.calls} calls, $${formatUsd(summary.totalCost)}. Report: ${report}`,
  );
} finally {
  await vendors.close();
}
