/**
 * The floor under any gateway built like Stratum's and Portkey's: a Hono app on `serveGateway`
 * that forwards the body with `fetch` and returns the upstream JSON, doing nothing else. What a
 * gateway costs above this row is its own work; this row is the HTTP server bridge plus `fetch`.
 * Takes the mock's base URL, prints `{"url": …}`, exits when its standard input closes.
 */
import { serveGateway } from '@stratum/gateway';
import { Hono } from 'hono';
import { UPSTREAM_KEY } from './targets.js';

const upstream = process.argv[2];
if (!upstream) throw new Error('Pass the mock base URL: serve-pass-through.ts http://…/v1');
const app = new Hono().post('/v1/chat/completions', async (context) => {
  const response = await fetch(`${upstream}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${UPSTREAM_KEY}` },
    body: await context.req.text(),
  });
  return new Response(response.body, {
    status: response.status,
    headers: { 'content-type': response.headers.get('content-type') ?? 'application/json' },
  });
});
const served = await serveGateway(app, { port: 0 });
process.stdout.write(`${JSON.stringify({ url: served.url })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void served.close().then(() => process.exit(0));
});
