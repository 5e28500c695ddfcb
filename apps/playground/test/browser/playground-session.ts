import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DemoGateway, startDemoGateway } from '@stratum/gateway/demo';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll } from 'vitest';

/** The keys the demo gateway gives its providers: none may reach the page. */
export const DEMO_KEYS = ['sk-demo-simulator', 'sk-ant-demo-simulator', 'demo-simulator-key'];

/** Debian's Chromium, installed by the CI setup (`.ci/run`) and scripts/bootstrap.sh. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface PlaygroundSession {
  demo: DemoGateway;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Builds the page from its current source with the app's own Vite config, serves it from the
 * demo gateway (the vendor simulators behind real providers), and launches headless Chromium.
 */
export async function startPlaygroundSession(): Promise<PlaygroundSession> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const directory = mkdtempSync(join(tmpdir(), 'stratum-playground-build-'));
  await build({ root, logLevel: 'warn', build: { outDir: directory, emptyOutDir: true } });
  const demo = await startDemoGateway({ playground: { directory } });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  return {
    demo,
    browser,
    async close() {
      await browser.close();
      await demo.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

export interface WatchedPage {
  page: Page;
  /** Console errors and uncaught page errors, as text. */
  errors: string[];
  /** Everything the page received or logged: response bodies, WebSocket frames, console. */
  seen(): Promise<string>;
}

/** A page with everything it receives recorded, to check for errors and leaked keys. */
export async function watchedPage(
  browser: Browser,
  viewport = { width: 1280, height: 800 },
): Promise<WatchedPage> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  const received: string[] = [];
  const bodies: Array<Promise<string>> = [];
  page.on('console', (message) => {
    received.push(message.text());
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('response', (response) => {
    received.push(JSON.stringify(response.headers()));
    bodies.push(response.text().catch(() => ''));
  });
  page.on('websocket', (socket) => {
    socket.on('framereceived', (frame) => received.push(String(frame.payload)));
    socket.on('framesent', (frame) => received.push(String(frame.payload)));
  });
  return {
    page,
    errors,
    async seen() {
      return [...received, ...(await Promise.all(bodies)), await page.content()].join('\n');
    },
  };
}

/** Picks a model in the page's searchable model picker. */
export async function pickModel(page: Page, pickerTestId: string, model: string): Promise<void> {
  const input = page.getByTestId(pickerTestId).locator('input');
  await input.click();
  await input.fill(model);
  await input.press('Enter');
  await page.locator('body').click({ position: { x: 1, y: 1 } });
}

/** Starts a session for the test file in `beforeAll` and closes it in `afterAll`. */
export function usePlaygroundSession(): { readonly current: PlaygroundSession } {
  let session: PlaygroundSession | undefined;
  beforeAll(async () => {
    session = await startPlaygroundSession();
  });
  afterAll(async () => {
    await session?.close();
  });
  return {
    get current() {
      if (!session) throw new Error('the playground session starts in beforeAll');
      return session;
    },
  };
}

/**
 * Takes the page at the two sizes the README shows. They go to apps/playground/docs/ with
 * `UPDATE_SCREENSHOTS=1`; otherwise to the temp folder, so a test run leaves the tree clean.
 */
export async function saveScreenshots(page: Page, name: string): Promise<void> {
  const docs = process.env.UPDATE_SCREENSHOTS
    ? fileURLToPath(new URL('../../docs/', import.meta.url))
    : `${tmpdir()}/`;
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `${docs}${name}-1280x800.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${docs}${name}-390x844.png` });
}
