import type { Hono } from 'hono';
import type { GatewayOptions } from '../gateway-options.js';

/**
 * `GET /health` (the process answers) and `GET /ready` (it can serve calls: providers are
 * configured and the tracker's store answers a read). Both stay outside key checks, for load
 * balancers.
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
    const ready = Object.values(checks).every((check) => check === 'ok');
    return context.json({ status: ready ? 'ready' : 'not-ready', checks }, ready ? 200 : 503);
  });
}
