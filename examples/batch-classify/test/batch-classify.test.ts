import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { calculateCost, createUsage, toPicodollars } from '@stratum/core';
import { createAnthropic } from '@stratum/provider-anthropic';
import { createOpenAI } from '@stratum/provider-openai';
import {
  type AnthropicSimulator,
  type OpenAISimulator,
  startAnthropicSimulator,
  startOpenAISimulator,
} from '@stratum/testing';
import { formatUsd, usdToPicodollars } from '@stratum/tracker';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyBatch, createBatchClient } from '../src/classify-batch.js';
import { readPrompts, writeCostReport } from '../src/prompts-csv.js';

const folder = fileURLToPath(new URL('..', import.meta.url));
const samplePrompts = join(folder, 'data', 'prompts.csv');
let scratch: string;
let openaiSimulator: OpenAISimulator;
let anthropicSimulator: AnthropicSimulator;

// Every answer reports the same usage, so each call's cost is known from the catalog.
const USAGE = { inputTokens: 90, outputTokens: 2 };

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'batch-classify-'));
  [openaiSimulator, anthropicSimulator] = await Promise.all([
    startOpenAISimulator({ defaultReply: () => ({ text: 'bug', usage: USAGE }) }),
    startAnthropicSimulator({ defaultReply: () => ({ text: 'Billing\n', usage: USAGE }) }),
  ]);
});
afterAll(async () => {
  await Promise.all([openaiSimulator.close(), anthropicSimulator.close()]);
  await rm(scratch, { recursive: true, force: true });
});

interface ReportLine {
  id: string;
  status: string;
  label: string;
  model: string;
  complexity: string;
  input_tokens: string;
  output_tokens: string;
  cost_usd: string;
}

const picodollarsOf = (usd: string) => BigInt(usd.replace('.', ''));

describe('the batch under a budget', () => {
  it('stops before the budget is overspent, and the report adds up to the tracker', async () => {
    const rows = await readPrompts(samplePrompts);
    expect(rows).toHaveLength(12);
    const limitUsd = 0.0002;
    const alerts: number[] = [];
    const { client, tracker } = createBatchClient(
      [
        createOpenAI({ apiKey: 'sk-test', baseURL: openaiSimulator.baseURL }),
        createAnthropic({ apiKey: 'sk-ant-test', baseURL: anthropicSimulator.baseURL }),
      ],
      limitUsd,
      (alert) => {
        alerts.push(alert.threshold);
      },
    );
    const { results, stoppedBy } = await classifyBatch(client, rows);

    // The budget stopped it part-way; every row after the refused one is skipped.
    const classified = results.filter((row) => row.status === 'classified');
    const firstSkipped = results.findIndex((row) => row.status === 'skipped: budget');
    expect(classified.length).toBeGreaterThan(0);
    expect(firstSkipped).toBe(classified.length);
    expect(results.slice(firstSkipped).every((row) => row.status === 'skipped: budget')).toBe(true);
    // The refused call was never sent.
    expect(openaiSimulator.requests.length + anthropicSimulator.requests.length).toBe(
      classified.length,
    );

    // Routed by complexity: the plain tickets to the cheap model, row 5 (the long billing one) up.
    expect(classified.find((row) => row.id === '1')).toMatchObject({
      model: 'openai/gpt-4.1-nano',
      label: 'bug',
    });
    expect(classified.find((row) => row.id === '5')).toMatchObject({
      model: 'anthropic/claude-haiku-4-5',
      label: 'billing',
    });
    for (const row of classified) {
      // The cut is at 0.4: the model follows the score.
      const strong = (row.complexity ?? Number.NaN) >= 0.4;
      expect(row.model).toBe(strong ? 'anthropic/claude-haiku-4-5' : 'openai/gpt-4.1-nano');
      const cost = calculateCost(String(row.model), createUsage(USAGE));
      expect(row.cost).toBe(toPicodollars(cost?.total ?? Number.NaN));
    }

    // Not overspent; and the refused call would have been.
    const summary = await tracker.summary();
    const limit = BigInt(usdToPicodollars(limitUsd));
    expect(summary.totalCost).toBeLessThanOrEqual(limit);
    const refused = stoppedBy?.budget;
    expect(refused).toBeDefined();
    expect(
      usdToPicodollars(refused?.spentUsd ?? 0) + usdToPicodollars(refused?.requestedUsd ?? 0),
    ).toBeGreaterThan(Number(limit));
    // Alerts for each threshold the spend passed, once each; never the 100% one.
    const fraction = Number(summary.totalCost) / Number(limit);
    expect(alerts).toEqual([0.5, 0.8].filter((threshold) => fraction >= threshold));

    // The report: each line's cost is the tracker's record of that row, the total the tracker's.
    const reportPath = join(scratch, 'report.csv');
    await writeCostReport(reportPath, results, formatUsd);
    const report: ReportLine[] = parse(await readFile(reportPath), { columns: true });
    expect(report).toHaveLength(rows.length + 1);
    const { records } = await tracker.list({ limit: 1000 });
    const charged = records.filter((record) => record.errorClass === undefined);
    expect(charged).toHaveLength(classified.length);
    expect(records.filter((record) => record.errorClass === 'BudgetExceededError')).toHaveLength(1);
    for (const record of charged) {
      const line = report.find((each) => each.id === record.tags['row']);
      expect(line).toMatchObject({
        status: 'classified',
        model: record.model,
        input_tokens: String(record.inputTokens),
        cost_usd: formatUsd(record.cost.total),
      });
    }
    const total = report.at(-1);
    expect(total?.id).toBe('total');
    const lineSum = report
      .slice(0, -1)
      .reduce((sum, line) => sum + picodollarsOf(line.cost_usd), 0n);
    expect(picodollarsOf(total?.cost_usd ?? '')).toBe(lineSum);
    expect(lineSum).toBe(summary.totalCost);
    expect(Number(total?.input_tokens)).toBe(summary.tokens.input);
  });

  it('names the missing column of a malformed CSV', async () => {
    const path = join(scratch, 'bad.csv');
    await writeFile(path, 'id,text\n1,hello\n');
    await expect(readPrompts(path)).rejects.toThrow(/data row 1: needs an "id" and a "prompt"/);
  });
});

describe('pnpm start, offline', () => {
  const run = promisify(execFile);
  const env = { ...process.env };
  delete env['OPENAI_API_KEY'];
  delete env['ANTHROPIC_API_KEY'];
  const start = (...args: string[]) =>
    run(
      process.execPath,
      ['--conditions=@stratum/source', '--import', 'tsx', 'src/main.ts', ...args],
      { cwd: folder, env },
    );

  it('classifies the sample on its simulators and writes the report', async () => {
    const reportPath = join(scratch, 'offline.csv');
    const { stdout } = await start('--budget', '1', '--report', reportPath);
    expect(stdout).toContain('openai: local simulator at http://127.0.0.1:');
    expect(stdout).not.toContain('Stopped by the budget');
    const report: ReportLine[] = parse(await readFile(reportPath), { columns: true });
    expect(report.map((line) => line.status)).toEqual([
      ...Array(12).fill('classified'),
      '12 classified, 0 not',
    ]);
    // The offline stand-in sorts the sample the way a person would.
    expect(report.find((line) => line.id === '2')?.label).toBe('bug');
    expect(report.find((line) => line.id === '3')?.label).toBe('feature-request');
    const tracked = /Tracked: 12 calls, \$([\d.]+)\./.exec(stdout)?.[1];
    expect(tracked).toBe(report.at(-1)?.cost_usd);
  });

  it('stops at the default budget and says so', async () => {
    const { stdout } = await start('--report', join(scratch, 'default.csv'));
    expect(stdout).toMatch(/Stopped by the budget: spent \$[\d.]+, the next call could cost/);
    expect(stdout).toContain('skipped: budget');
  });
});
