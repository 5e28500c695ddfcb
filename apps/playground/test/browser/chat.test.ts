import { describe, expect, it } from 'vitest';
import {
  DEMO_KEYS,
  pickModel,
  saveScreenshots,
  usePlaygroundSession,
  watchedPage,
} from './playground-session.js';

const playground = usePlaygroundSession();

const words = (count: number) => Array.from({ length: count }, (_, index) => `w${index}`).join(' ');

describe('the chat page in Chromium', () => {
  it('streams the answer into the page and shows its exact cost, with no errors or keys', async () => {
    const { page, errors, seen } = await watchedPage(playground.current.browser);
    const text = words(40);
    playground.current.demo.simulators.openai.enqueue({
      kind: 'reply',
      reply: { text, usage: { inputTokens: 1000, outputTokens: 500 } },
      chunkDelayMs: 40,
    });
    await page.goto(playground.current.demo.url);
    await pickModel(page, 'chat-model', 'openai/gpt-4.1-mini');
    await page.getByTestId('prompt').fill('Count to forty');
    await page.getByTestId('send').click();
    // Part of the text is on the page while the answer is still streaming.
    await page.getByTestId('answer-text').filter({ hasText: 'w3' }).waitFor();
    const partial = await page.getByTestId('answer-text').textContent();
    expect(partial?.length).toBeLessThan(text.length);
    expect(await page.getByTestId('stop').isVisible()).toBe(true);
    const cost = page.getByTestId('cost');
    await cost.and(page.locator('[title]')).waitFor();
    expect(await page.getByTestId('answer-text').textContent()).toBe(text);
    // gpt-4.1-mini: 1000 × $0.40 + 500 × $1.60 per million = $0.0012.
    expect(await cost.getAttribute('title')).toBe('1200000000 picodollars');
    expect(await cost.textContent()).toContain('0.0012');
    expect(await page.getByTestId('tokens').textContent()).toBe('1000 in · 500 out');
    const request = playground.current.demo.simulators.openai.lastRequestBody();
    expect(request.model).toBe('gpt-4.1-mini');

    expect(errors).toEqual([]);
    const everything = await seen();
    expect(everything).toContain(text);
    for (const key of DEMO_KEYS) expect(everything).not.toContain(key);

    await saveScreenshots(page, 'chat');
    await page.close();
  });

  it('Stop aborts the upstream request: the simulator sees its connection close', async () => {
    const { page, errors } = await watchedPage(playground.current.browser);
    const simulator = playground.current.demo.simulators.anthropic;
    simulator.reset();
    simulator.enqueue({ kind: 'reply', reply: { text: words(400) }, chunkDelayMs: 50 });
    await page.goto(playground.current.demo.url);
    await pickModel(page, 'chat-model', 'anthropic/claude-haiku-4-5');
    await page.getByTestId('prompt').fill('Talk for a long time');
    await page.getByTestId('send').click();
    await page.getByTestId('answer-text').filter({ hasText: 'w2' }).waitFor();
    const aborted = simulator.waitForAbort();
    await page.getByTestId('stop').click();
    await aborted;
    expect(simulator.abortedConnections).toBe(1);
    await page.getByTestId('cancelled').waitFor();
    const shown = await page.getByTestId('answer-text').textContent();
    expect(shown).not.toContain('w399');
    expect(errors).toEqual([]);
    await page.close();
  });
});
