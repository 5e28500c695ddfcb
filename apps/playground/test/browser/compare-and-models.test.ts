import { describe, expect, it } from 'vitest';
import {
  DEMO_KEYS,
  saveScreenshots,
  usePlaygroundSession,
  watchedPage,
} from './playground-session.js';

const playground = usePlaygroundSession();

const MODELS = [
  'openai/gpt-4.1-mini',
  'anthropic/claude-haiku-4-5',
  'google/gemini-2.5-flash',
  'openai/gpt-4.1',
];

describe('the compare page in Chromium', () => {
  it('streams one prompt to the four models in the URL, each column with its cost', async () => {
    const { page, errors, seen } = await watchedPage(playground.current.browser);
    const { openai, anthropic, google } = playground.current.demo.simulators;
    for (const simulator of [openai, anthropic, google]) simulator.reset();
    await page.goto(`${playground.current.demo.url}/compare?models=${MODELS.join(',')}`);
    const columns = page.getByTestId('compare-column');
    await columns.nth(3).waitFor();
    expect(await columns.count()).toBe(4);
    expect(await columns.evaluateAll((nodes) => nodes.map((node) => node.dataset.model))).toEqual(
      MODELS,
    );
    await page.getByTestId('compare-prompt').fill('Name a prime number');
    await page.getByTestId('compare-run').click();
    for (let index = 0; index < MODELS.length; index += 1) {
      await page.locator(`[data-testid="compare-column"][data-status="done"]`).nth(index).waitFor();
    }
    for (let index = 0; index < MODELS.length; index += 1) {
      const column = columns.nth(index);
      expect(await column.getByTestId('answer-text').textContent()).toContain(
        'Name a prime number',
      );
      const picodollars = (await column.getByTestId('cost').getAttribute('title'))?.split(' ')[0];
      expect(BigInt(picodollars ?? '0')).toBeGreaterThan(0n);
    }
    // Each vendor was really called: two OpenAI models, one Anthropic, one Gemini.
    expect([openai.requests.length, anthropic.requests.length, google.requests.length]).toEqual([
      2, 1, 1,
    ]);
    const everything = await seen();
    for (const key of DEMO_KEYS) expect(everything).not.toContain(key);
    expect(errors).toEqual([]);

    await saveScreenshots(page, 'compare');
    await page.close();
  });
});

describe('the models page in Chromium', () => {
  it('lists the demo providers and a catalog that filters and sorts by price', async () => {
    const { page, errors, seen } = await watchedPage(playground.current.browser);
    await page.goto(`${playground.current.demo.url}/models`);
    const providers = page.getByTestId('provider-row');
    await providers.first().waitFor();
    const names = await providers.evaluateAll((rows) => rows.map((row) => row.dataset.provider));
    expect(names).toEqual(expect.arrayContaining(['openai', 'anthropic', 'google']));

    const catalog = page.getByTestId('catalog');
    await page.getByLabel('filter models').fill('gemini-2.5');
    const ids = await catalog
      .locator('tbody tr td:first-child')
      .evaluateAll((cells) => cells.map((cell) => cell.textContent ?? ''));
    expect(ids.length).toBeGreaterThan(1);
    expect(ids.every((id) => id.includes('gemini-2.5'))).toBe(true);

    await catalog.getByRole('button', { name: 'input $/1M' }).click();
    const prices = await catalog
      .locator('tbody tr td:nth-child(4)')
      .evaluateAll((cells) =>
        cells.map((cell) => Number((cell.textContent ?? '').replace('$', ''))),
      );
    expect(prices).toEqual([...prices].sort((a, b) => a - b));

    expect(errors).toEqual([]);
    const everything = await seen();
    for (const key of DEMO_KEYS) expect(everything).not.toContain(key);
    await page.getByLabel('filter models').fill('');
    await saveScreenshots(page, 'models');
    await page.close();
  });
});
