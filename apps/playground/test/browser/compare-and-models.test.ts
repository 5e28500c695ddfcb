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
    // The router column streams too; `auto` picks Gemini for this short prompt.
    await page.locator('[data-testid="router-answer"][data-status="done"]').waitFor();
    for (let index = 0; index < MODELS.length; index += 1) {
      const column = columns.nth(index);
      expect(await column.getByTestId('answer-text').textContent()).toContain(
        'Name a prime number',
      );
      const picodollars = (await column.getByTestId('cost').getAttribute('title'))?.split(' ')[0];
      expect(BigInt(picodollars ?? '0')).toBeGreaterThan(0n);
    }
    // Each vendor was really called: two OpenAI models, one Anthropic, Gemini by its column
    // and by the router's.
    expect([openai.requests.length, anthropic.requests.length, google.requests.length]).toEqual([
      2, 1, 2,
    ]);
    const everything = await seen();
    for (const key of DEMO_KEYS) expect(everything).not.toContain(key);
    expect(errors).toEqual([]);

    await saveScreenshots(page, 'compare');
    await page.close();
  });
});

describe('the router column of the compare page', () => {
  it("shows the decision of `auto` for the prompt and streams the chosen model's answer", async () => {
    const { page, errors } = await watchedPage(playground.current.browser);
    const { google } = playground.current.demo.simulators;
    google.reset();
    const compared = ['openai/gpt-4.1-mini', 'anthropic/claude-haiku-4-5'];
    await page.goto(`${playground.current.demo.url}/compare?models=${compared.join(',')}`);
    await page.getByTestId('compare-column').nth(1).waitFor();
    const prompt = 'Name a prime number';
    await page.getByTestId('compare-prompt').fill(prompt);
    await page.getByTestId('compare-run').click();
    const router = page.getByTestId('router-column');
    await router.getByTestId('routing-decision').waitFor();

    // The same decision the router gives the API for this request, without a vendor call.
    const decided = await fetch(`${playground.current.demo.url}/api/route/decide`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'auto',
        messages: [{ role: 'user', content: prompt }],
        maxOutputTokens: 256,
      }),
    });
    const { decision } = await decided.json();
    expect(decision.model).toBe('google/gemini-2.5-flash');
    expect(decision.complexity).toBeLessThan(decision.threshold);
    expect(await router.getByTestId('routed-model').textContent()).toBe(decision.model);
    expect(await router.getByTestId('complexity').textContent()).toBe(
      decision.complexity.toFixed(3),
    );
    const candidates = await router
      .locator('[data-testid="routing-decision"] tbody tr td:first-child')
      .evaluateAll((cells) => cells.map((cell) => cell.textContent));
    expect(candidates).toEqual(
      decision.candidates.map((candidate: { model: string }) => candidate.model),
    );
    expect(await router.locator('tr.chosen td:first-child').textContent()).toBe(decision.model);

    // The column really calls the model the router chose, and prices the answer.
    const answer = page.locator('[data-testid="router-answer"][data-status="done"]');
    await answer.waitFor();
    expect(await answer.getByTestId('answer-text').textContent()).toContain(prompt);
    const picodollars = (await answer.getByTestId('cost').getAttribute('title'))?.split(' ')[0];
    expect(BigInt(picodollars ?? '0')).toBeGreaterThan(0n);
    const meta = await answer.getByTestId('answer-model').textContent();
    expect(meta).toContain('gemini-2.5-flash');
    expect(meta).toContain('routed by auto');
    expect(google.requests.length).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the models page in Chromium', () => {
  it('lists the demo providers, tests a connection, and a catalog that filters and sorts by price', async () => {
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

    // One tiny real call through the demo provider, reported on its row.
    const openaiRow = providers.filter({ has: page.locator('td', { hasText: /^openai$/ }) });
    const tested = page.waitForResponse('**/api/models/test');
    await openaiRow.getByRole('button', { name: 'Test connection' }).click();
    const result: { ok: boolean; model: string } = await (await tested).json();
    expect(result.ok).toBe(true);
    const shown = openaiRow.getByTestId('connection-result');
    await shown.filter({ hasText: 'ok' }).waitFor();
    expect(await shown.textContent()).toMatch(new RegExp(`^ok · ${result.model} · \\d+ ms$`));
    expect(result.model.startsWith('openai/')).toBe(true);

    expect(errors).toEqual([]);
    const everything = await seen();
    for (const key of DEMO_KEYS) expect(everything).not.toContain(key);
    await page.getByLabel('filter models').fill('');
    await saveScreenshots(page, 'models');
    await page.close();
  });
});
