import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  DEMO_KEYS,
  saveScreenshots,
  usePlaygroundSession,
  watchedPage,
} from './playground-session.js';

const playground = usePlaygroundSession();

/** One non-streamed call through the gateway's API, as any client of the gateway makes it. */
async function generate(model: string): Promise<void> {
  const response = await fetch(`${playground.current.demo.url}/api/models/generate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Say something' }] }),
  });
  expect(response.status).toBe(200);
}

// gpt-4.1-mini: 1000 × $0.40 + 500 × $1.60 per million = $0.0012.
const OPENAI_PICODOLLARS = 1_200_000_000n;
// claude-haiku-4-5: 1000 × $1 + 500 × $5 per million = $0.0035.
const ANTHROPIC_PICODOLLARS = 3_500_000_000n;
const USAGE = { inputTokens: 1000, outputTokens: 500 };

describe('the dashboard in Chromium', () => {
  it('shows the calls just made: spend total, chart data, by-provider rows and the budget bar', async () => {
    const { openai, anthropic } = playground.current.demo.simulators;
    openai.enqueue({ kind: 'reply', reply: { text: 'one', usage: USAGE } });
    anthropic.enqueue({ kind: 'reply', reply: { text: 'two', usage: USAGE } });
    await generate('openai/gpt-4.1-mini');
    await generate('anthropic/claude-haiku-4-5');

    const { page, errors, seen } = await watchedPage(playground.current.browser);
    await page.goto(`${playground.current.demo.url}/dashboard`);
    const total = page.getByTestId('total-spend');
    await total.and(page.locator('[title]')).waitFor();
    expect(await total.getAttribute('title')).toBe(
      `${OPENAI_PICODOLLARS + ANTHROPIC_PICODOLLARS} picodollars`,
    );
    expect(await total.textContent()).toBe('$0.004700');
    expect(await page.getByTestId('total-calls').textContent()).toBe('2');

    const chart = page.getByTestId('spend-chart');
    expect(await chart.getAttribute('data-calls')).toBe('2');
    // Both calls fall in the current hour: one bucket per provider.
    expect(await chart.getAttribute('data-points')).toBe('2');
    expect(await chart.locator('canvas').count()).toBe(1);

    const rows = await page
      .getByTestId('spend-by-group')
      .locator('tbody tr')
      .evaluateAll((nodes) =>
        nodes.map((node) => Array.from(node.querySelectorAll('td'), (cell) => cell.textContent)),
      );
    expect(rows).toEqual([
      ['anthropic', '1', '$0.003500'],
      ['openai', '1', '$0.001200'],
    ]);

    // $0.0047 of the demo's $1 daily budget.
    const budget = page.getByTestId('budget').filter({ hasText: 'demo-daily' });
    expect(await budget.textContent()).toContain('0.47%');
    expect(Number(await budget.getByRole('progressbar').getAttribute('aria-valuenow'))).toBeCloseTo(
      0.47,
      6,
    );

    const recent = page.getByTestId('recent-calls').locator('tbody tr');
    expect(await recent.count()).toBe(2);

    // A call made while the page is open shows without a reload.
    openai.enqueue({ kind: 'reply', reply: { text: 'three', usage: USAGE } });
    await generate('openai/gpt-4.1-mini');
    await page.getByTestId('total-calls').filter({ hasText: '3' }).waitFor();
    await recent.nth(2).waitFor();
    expect(await page.getByTestId('total-spend').getAttribute('title')).toBe(
      `${2n * OPENAI_PICODOLLARS + ANTHROPIC_PICODOLLARS} picodollars`,
    );

    expect(errors).toEqual([]);
    const everything = await seen();
    for (const key of DEMO_KEYS) expect(everything).not.toContain(key);
    await saveScreenshots(page, 'dashboard');
    await page.close();
  });

  it('exports a CSV file whose rows are the calls on the page, with their exact costs', async () => {
    const { page, errors } = await watchedPage(playground.current.browser);
    await page.goto(`${playground.current.demo.url}/dashboard`);
    const recent = page.getByTestId('recent-calls').locator('tbody tr');
    await recent.first().waitFor();
    const ids = await recent.evaluateAll((nodes) =>
      nodes.map((node) => (node instanceof HTMLElement ? node.dataset.callId : undefined)),
    );
    expect(ids.length).toBe(3);

    const downloading = page.waitForEvent('download');
    await page.getByTestId('csv-export').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('stratum-calls.csv');
    const path = await download.path();
    const [header = '', ...lines] = (await readFile(path, 'utf8')).trim().split('\n');
    const columns = header.split(',');
    expect(columns).toEqual(expect.arrayContaining(['id', 'model', 'cost_total_picodollars']));
    expect(lines).toHaveLength(3);
    // The tags column is quoted JSON with commas, so read the fields either side of it.
    const byId = new Map(
      lines.map((line) => {
        const fields = line.split(',');
        return [fields[0], line];
      }),
    );
    for (const id of ids) expect(byId.has(id ?? '')).toBe(true);
    const costs = lines.map((line) => {
      const model = line.split(',')[4];
      const total = line.match(/,(\d+),true,/)?.[1];
      return `${model} ${total}`;
    });
    expect(costs.sort()).toEqual([
      `anthropic/claude-haiku-4-5 ${ANTHROPIC_PICODOLLARS}`,
      `openai/gpt-4.1-mini ${OPENAI_PICODOLLARS}`,
      `openai/gpt-4.1-mini ${OPENAI_PICODOLLARS}`,
    ]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
