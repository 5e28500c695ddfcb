import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import type { RowResult } from './classify-batch.js';

export interface PromptRow {
  id: string;
  prompt: string;
}

/** Reads a CSV with a header row holding `id` and `prompt` columns (other columns are ignored). */
export async function readPrompts(path: string): Promise<PromptRow[]> {
  const rows: PromptRow[] = [];
  const records = createReadStream(path).pipe(
    parse({ columns: true, skip_empty_lines: true, trim: true }),
  );
  for await (const record of records) {
    const id: unknown = record.id;
    const prompt: unknown = record.prompt;
    if (typeof id !== 'string' || id === '' || typeof prompt !== 'string' || prompt === '') {
      throw new Error(
        `${path}, data row ${rows.length + 1}: needs an "id" and a "prompt" column, both non-empty.`,
      );
    }
    rows.push({ id, prompt });
  }
  return rows;
}

const REPORT_COLUMNS = [
  'id',
  'status',
  'label',
  'model',
  'complexity',
  'input_tokens',
  'output_tokens',
  'cost_usd',
] as const;

/**
 * One line per prompt, then a `total` line. Costs are exact decimals from integer
 * picodollars (`formatUsd`), so the column adds up to the total digit for digit.
 */
export async function writeCostReport(
  path: string,
  results: readonly RowResult[],
  format: (picodollars: bigint) => string,
): Promise<void> {
  const lines: Array<Record<(typeof REPORT_COLUMNS)[number], string | number>> = results.map(
    (row) => ({
      id: row.id,
      status: row.status,
      label: row.label ?? '',
      model: row.model ?? '',
      complexity: row.complexity?.toFixed(3) ?? '',
      input_tokens: row.inputTokens,
      output_tokens: row.outputTokens,
      cost_usd: format(row.cost),
    }),
  );
  const sum = (pick: (row: RowResult) => number | bigint) =>
    results.reduce((total, row) => total + BigInt(pick(row)), 0n);
  const classified = results.filter((row) => row.status === 'classified').length;
  lines.push({
    id: 'total',
    status: `${classified} classified, ${results.length - classified} not`,
    label: '',
    model: '',
    complexity: '',
    input_tokens: Number(sum((row) => row.inputTokens)),
    output_tokens: Number(sum((row) => row.outputTokens)),
    cost_usd: format(sum((row) => row.cost)),
  });
  await writeFile(path, stringify(lines, { header: true, columns: [...REPORT_COLUMNS] }));
}
