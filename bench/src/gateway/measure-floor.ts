import { performance } from 'node:perf_hooks';
import OpenAI from 'openai';
import { Agent, request } from 'undici';
import { startChild, typescriptScript } from '../child-process.js';
import { UPSTREAM_KEY } from './targets.js';

/**
 * The parts every gateway built on an official vendor SDK pays per non-streaming call, each
 * measured alone as CPU time per call at 10 calls in flight:
 * - the `openai` SDK's own work (building the request, parsing the reply), over a `fetch` that
 *   answers at once with a canned reply, so no network is involved;
 * - the cheapest HTTP client on Node, undici's `request` on a pooled agent, against the mock;
 * - the same call through the global `fetch`, for comparison;
 * - serving one request on Node's HTTP server: the mock's own CPU time per request.
 * Their sum is a floor under a gateway's CPU time per request before any of its own work.
 */
const calls = Number(process.env['BENCH_FLOOR_CALLS'] ?? 20_000);
const inFlight = 10;
const reply = JSON.stringify({
  id: 'chatcmpl-floor',
  object: 'chat.completion',
  created: 0,
  model: 'gpt-4.1-mini',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: 'Hi' },
      finish_reason: 'stop',
      logprobs: null,
    },
  ],
  usage: { prompt_tokens: 9, completion_tokens: 1, total_tokens: 10 },
});
const body = JSON.stringify({
  model: 'gpt-4.1-mini',
  messages: [{ role: 'user', content: 'Say hi' }],
});

/** CPU microseconds per call of `call`, run `count` times with `inFlight` at once. */
async function cpuMicrosecondsPerCall(call: () => Promise<unknown>, count: number) {
  let started = 0;
  const worker = async () => {
    while (started < count) {
      started += 1;
      await call();
    }
  };
  const before = process.cpuUsage();
  const startedAt = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  const used = process.cpuUsage(before);
  return {
    cpuMicroseconds: (used.user + used.system) / count,
    callsPerSecond: count / ((performance.now() - startedAt) / 1000),
  };
}

/** Linux's user plus system time of a process in ms, from /proc (clock ticks of 10 ms). */
async function processCpuMs(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const mock = await startChild(typescriptScript('./gateway/serve-mock.ts'));
try {
  const { baseURL }: { baseURL: string } = JSON.parse(mock.readyLine);
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  const sdk = new OpenAI({
    apiKey: UPSTREAM_KEY,
    baseURL,
    maxRetries: 0,
    fetch: async () => new Response(reply, { headers: { 'content-type': 'application/json' } }),
  });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${UPSTREAM_KEY}` };
  const parts = {
    'openai SDK, no network (canned fetch)': () =>
      sdk.chat.completions.create({
        model: 'gpt-4.1-mini',
        messages: [{ role: 'user', content: 'Say hi' }],
      }),
    "undici's request to the mock": async () => {
      const response = await request(`${baseURL}/chat/completions`, {
        method: 'POST',
        headers,
        body,
        dispatcher: agent,
      });
      return response.body.json();
    },
    'global fetch to the mock': async () => {
      const response = await fetch(`${baseURL}/chat/completions`, {
        method: 'POST',
        headers,
        body,
      });
      return response.json();
    },
  };
  const rows: string[] = [];
  for (const [name, call] of Object.entries(parts)) {
    await cpuMicrosecondsPerCall(call, calls / 10);
    const mockBefore = mock.pid === undefined ? 0 : await processCpuMs(mock.pid);
    const measured = await cpuMicrosecondsPerCall(call, calls);
    const mockMs =
      mock.pid === undefined ? Number.NaN : (await processCpuMs(mock.pid)) - mockBefore;
    const server = name.includes('mock') ? ((mockMs * 1000) / calls).toFixed(0) : '';
    rows.push(
      `| ${name} | ${measured.cpuMicroseconds.toFixed(0)} | ${server} | ${measured.callsPerSecond.toFixed(0)} |`,
    );
  }
  await agent.close();
  console.log(
    [
      `Node ${process.version}; ${calls} calls per part, ${inFlight} in flight; ${new Date().toISOString().slice(0, 10)}`,
      '',
      '| part | client CPU µs per call | mock (Node HTTP server) CPU µs per request | calls/s |',
      '| --- | ---: | ---: | ---: |',
      ...rows,
    ].join('\n'),
  );
} finally {
  await mock.close();
}
