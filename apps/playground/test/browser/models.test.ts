import { describe, expect, it } from 'vitest';
import {
  DEMO_KEYS,
  saveScreenshots,
  usePlaygroundSession,
  watchedPage,
} from './playground-session.js';

const playground = usePlaygroundSession();

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
