import type { Hono } from 'hono';
import { invalidField } from '../errors/gateway-error.js';
import type { GatewayOptions } from '../gateway-options.js';
import { requirePart } from './require-part.js';

/** Newest first, as the tracker lists them; at most the tracker's page size of 10,000. */
function limitOf(value: string | undefined): number {
  if (value === undefined) return 100;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
    throw invalidField('limit', 'limit must be a whole number from 1 to 10000, e.g. ?limit=100.');
  }
  return limit;
}

/** `GET /api/calls?limit=100` (records as JSON) and `GET /api/calls.csv` (every record, streamed). */
export function addCallsApi(app: Hono, options: GatewayOptions): void {
  app.get('/api/calls', async (context) => {
    const tracker = requirePart(options.tracker, 'tracker', 'GET /api/calls');
    const page = await tracker.list({ limit: limitOf(context.req.query('limit')) });
    return context.json({ calls: page.records });
  });
  app.get('/api/calls.csv', (context) => {
    const tracker = requirePart(options.tracker, 'tracker', 'GET /api/calls.csv');
    // Read from the store in pages as the client reads, so a large export never sits in memory.
    const csv = tracker.exportCsv();
    const chunks = csv[Symbol.asyncIterator]();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(Buffer.from(next.value));
      },
      cancel() {
        csv.destroy();
      },
    });
    return context.body(body, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="stratum-calls.csv"',
    });
  });
}
