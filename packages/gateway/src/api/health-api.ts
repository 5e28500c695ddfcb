import type { Hono } from 'hono';
import type { GatewayOptions } from '../gateway-options.js';

/** How long `/ready` waits for one check before counting it failed. */
const CHECK_TIMEOUT_MS = 2_000;

/**
 * `GET /health` (the process answers) and `GET /ready` (it can serve calls: providers are
 * configured, the tracker's store answers a read, and every `readinessChecks` entry, such as the
 * shared Redis, answers). Both stay outside key checks, for load balancers.
 */
export function addHealthApi(app: Hono, options: GatewayOptions): void {
  app.get('/health', (context) => context.json({ status: 'ok' }));
  app.get('/ready', async (context) => {
    const checks: Record<string, 'ok' | 'failed'> = {
      providers: options.client.providers.size > 0 ? 'ok' : 'failed',
    };
    if (options.tracker) {
      try {
        await options.tracker.list({ limit: 1 });
        checks.tracker = 'ok';
      } catch {
        checks.tracker = 'failed';
      }
    }
    const extra = Object.entries(options.readinessChecks ?? {});
    const results = await Promise.all(extra.map(([, check]) => passes(check)));
    extra.forEach(([name], index) => {
      checks[name] = results[index] ? 'ok' : 'failed';
    });
    const ready = Object.values(checks).every((check) => check === 'ok');
    return context.json({ status: ready ? 'ready' : 'not-ready', checks }, ready ? 200 : 503);
  });
}

async function passes(check: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      check().then(
        () => true,
        () => false,
      ),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
