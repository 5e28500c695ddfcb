import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './gateway-harness.js';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** Waits for a condition the gateway reaches on its own, checking between event-loop turns. */
async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Starts a long stream, reads its first text, then drops the connection. */
async function streamThenDisconnect(path = '/v1/chat/completions', textMark = '"content":"word') {
  harness.openai.enqueue({
    kind: 'reply',
    reply: { text: 'word '.repeat(200), usage: { inputTokens: 50, outputTokens: 200 } },
    chunkSize: 5,
    chunkDelayMs: 20,
  });
  const controller = new AbortController();
  const response = await fetch(`${harness.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'openai/gpt-4.1-mini',
      messages: [{ role: 'user', content: 'Talk for a while' }],
      ...(path.startsWith('/v1/') ? { stream: true } : {}),
    }),
    signal: controller.signal,
  });
  const requestId = response.headers.get('x-stratum-request-id') ?? '';
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let received = '';
  while (!received.includes(textMark)) {
    const { value } = await reader.read();
    received += decoder.decode(value, { stream: true });
  }
  const reservedWhileStreaming = (await harness.daily.status()).reservedUsd;
  const upstreamClosed = harness.openai.waitForAbort();
  const abortedAt = performance.now();
  controller.abort();
  await upstreamClosed;
  return { requestId, reservedWhileStreaming, closedAfterMs: performance.now() - abortedAt };
}

describe('a client that disconnects mid-stream', () => {
  it('closes the upstream connection within 100 ms and frees the budget reservation', async () => {
    // The first cut stream loads the tokenizer that estimates its usage, on the event loop
    // the in-process simulator shares; the later ones, through both stream APIs, show the
    // steady-state delay.
    const cold = await streamThenDisconnect();
    const warm = [];
    for (let run = 0; run < 3; run += 1) {
      warm.push(await streamThenDisconnect());
      warm.push(await streamThenDisconnect('/api/models/stream', '"text":"word'));
    }
    const delays = warm.map((each) => each.closedAfterMs).sort((a, b) => a - b);
    console.info(
      `upstream closed after the client left: ${cold.closedAfterMs.toFixed(1)} ms cold, ${delays.map((each) => each.toFixed(1)).join(', ')} ms warm`,
    );
    // Every cut reached the vendor; the median bounds the delay on a machine whose load can
    // stall any one event loop turn.
    expect(harness.openai.abortedConnections).toBe(7);
    expect(delays[3]).toBeLessThan(100);
    for (const { requestId, reservedWhileStreaming } of [cold, ...warm]) {
      expect(reservedWhileStreaming).toBeGreaterThan(0);
      await until(async () => {
        const page = await harness.tracker.list({ filter: { tags: { requestId } } });
        return page.records.length === 1;
      }, 'the record of the cut stream');
      const [record] = (await harness.tracker.list({ filter: { tags: { requestId } } })).records;
      expect(record?.estimated).toBe(true);
      expect(record?.errorClass).toBe('AbortError');
    }
    await until(
      async () => (await harness.daily.status()).reservedUsd === 0,
      'the reservations to be released',
    );
  });
});

describe('1,000 malformed requests in a row', () => {
  it('are each a 400, and leave the server up and its heap flat', async () => {
    setFlagsFromString('--expose-gc');
    const collect: () => void = runInNewContext('gc');
    const url = `${harness.url}/v1/chat/completions`;
    const send = async (index: number) => {
      const body = index % 3 === 0 ? '{"model":' : index % 3 === 1 ? '[1,2' : '{"messages":7}';
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const answer = await response.json();
      return { status: response.status, type: answer.error?.type };
    };
    for (let index = 0; index < 200; index += 1) await send(index);
    collect();
    const before = process.memoryUsage().heapUsed;
    const statuses = new Map<number, number>();
    for (let index = 0; index < 1000; index += 1) {
      const { status, type } = await send(index);
      expect(type).toBe('invalid_request_error');
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    collect();
    const grownBytes = process.memoryUsage().heapUsed - before;
    expect(statuses).toEqual(new Map([[400, 1000]]));
    expect(grownBytes).toBeLessThan(16 * 1024 * 1024);
    expect((await fetch(`${harness.url}/health`)).status).toBe(200);
    harness.openai.enqueue({ kind: 'reply', reply: { text: 'still here' } });
    const after = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'openai/gpt-4.1-mini',
        messages: [{ role: 'user', content: 'Hi' }],
      }),
    });
    expect((await after.json()).choices[0].message.content).toBe('still here');
    console.info(`heap after 1,000 malformed requests: ${(grownBytes / 1024).toFixed(0)} KiB`);
  });
});
