/**
 * Stratum's gateway as a user would run it: `createGateway` over a client with the OpenAI
 * provider pointed at the mock, served by `serveGateway`, in its own process. Takes the mock's
 * base URL as its argument, prints `{"url": …}` and shuts down when its standard input closes.
 */
import { createClient } from '@stratum/core';
import { createGateway, createUpstreamFetch, serveGateway } from '@stratum/gateway';
import { createOpenAI } from '@stratum/provider-openai';
import { UPSTREAM_KEY } from './targets.js';

const upstream = process.argv[2];
if (!upstream) throw new Error('Pass the mock base URL: serve-stratum-gateway.ts http://…/v1');
// The upstream `fetch` the `stratum-gateway` command gives its providers.
const upstreamFetch = createUpstreamFetch();
const client = createClient({
  providers: [createOpenAI({ apiKey: UPSTREAM_KEY, baseURL: upstream, fetch: upstreamFetch })],
});
const served = await serveGateway(createGateway({ client }), { port: 0 });
process.stdout.write(`${JSON.stringify({ url: served.url })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void served
    .close()
    .then(() => upstreamFetch.close())
    .then(() => process.exit(0));
});
