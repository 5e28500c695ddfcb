/**
 * Tracker benchmarks, on a SQLite file holding 1,000,000 calls over one month:
 * 1. a month grouped by model and day (`tracker.query`), median of 30 runs;
 * 2. a CSV export of every record, with the heap sampled along the way (constant memory);
 * 3. what recording adds to a call: `store.write` alone, and a mock-provider `chat` with the
 *    tracker middleware against the same chat without it (interleaved, medians).
 *
 * Run: pnpm --filter @stratum/tracker bench
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createClient } from '@stratum/core';
import { createMockProvider } from '@stratum/testing';
import { createSqliteStore, createTracker } from '../src/index.js';
import { syntheticRecords } from '../test/support/synthetic-records.js';

const RECORDS = Number(process.env['BENCH_RECORDS'] ?? 1_000_000);
const MARCH = Date.UTC(2026, 2, 1);
const APRIL = Date.UTC(2026, 3, 1);
const silent = { info: () => undefined, error: () => undefined };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
}
function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))] ?? 0;
}
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
/** CPU milliseconds this process used: on a shared machine, steadier than the wall clock. */
const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
/** BENCH_DB keeps the loaded database between runs (loading a million rows takes a while). */
const keptDatabase = process.env['BENCH_DB'];

const directory = mkdtempSync(join(tmpdir(), 'stratum-tracker-bench-'));
try {
  const path = keptDatabase ?? join(directory, 'usage.db');
  const loaded = existsSync(path);
  const tracker = createTracker({ store: createSqliteStore({ path }), logger: silent });

  let started = performance.now();
  if (!loaded) {
    tracker.store.writeMany(syntheticRecords(RECORDS, MARCH, APRIL));
    const loadSeconds = (performance.now() - started) / 1000;
    console.log(`loaded ${RECORDS} records in one transaction: ${round(loadSeconds)} s`);
  }

  // 1. A month grouped by model and day.
  const month = { from: MARCH, to: APRIL, groupBy: ['model' as const, 'day' as const] };
  await tracker.query(month);
  const queryTimes: number[] = [];
  const queryCpu: number[] = [];
  let groups = 0;
  for (let run = 0; run < 30; run += 1) {
    started = performance.now();
    const cpuStart = cpuMs();
    groups = (await tracker.query(month)).length;
    queryCpu.push(cpuMs() - cpuStart);
    queryTimes.push(performance.now() - started);
  }
  console.log(
    `month by model and day (${groups} groups): median ${round(median(queryTimes))} ms wall, ${round(median(queryCpu))} ms CPU; p95 ${round(percentile(queryTimes, 0.95))} ms wall`,
  );
  const tagTimes: number[] = [];
  for (let run = 0; run < 3; run += 1) {
    started = performance.now();
    await tracker.query({ ...month, groupBy: ['tag:user', 'day'] });
    tagTimes.push(performance.now() - started);
  }
  console.log(`month by tag:user and day (reads the calls): median ${round(median(tagTimes))} ms`);

  // 2. CSV export of every record; the live heap (after a GC) is sampled every 100,000 rows.
  const collect = globalThis.gc ?? (() => undefined);
  collect();
  const heapBefore = process.memoryUsage().heapUsed;
  const heapSamples: number[] = [];
  let bytes = 0;
  let rows = 0;
  let nextSample = 100_000;
  started = performance.now();
  await pipeline(
    tracker.exportCsv(),
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        for (const byte of chunk) if (byte === 10) rows += 1;
        if (rows >= nextSample) {
          nextSample += 100_000;
          collect();
          heapSamples.push(process.memoryUsage().heapUsed - heapBefore);
        }
        done();
      },
    }),
  );
  const exportSeconds = (performance.now() - started) / 1000;
  const samplesMb = heapSamples.map((sample) => round(sample / 1e6));
  console.log(
    `CSV export: ${rows - 1} rows, ${round(bytes / 1e6)} MB in ${round(exportSeconds)} s; live heap above start every 100,000 rows (MB): ${samplesMb.join(', ')}`,
  );
  await tracker.close();

  // 3. What recording adds to a call.
  const writeStore = createSqliteStore({ path: join(directory, 'writes.db') });
  const writeTimes: number[] = [];
  const writeCpuStart = cpuMs();
  for (const record of syntheticRecords(20_000, APRIL, APRIL + 86_400_000, 3)) {
    started = performance.now();
    writeStore.write(record);
    writeTimes.push((performance.now() - started) * 1000);
  }
  const writeCpuMicros = ((cpuMs() - writeCpuStart) * 1000) / 20_000;
  console.log(
    `store.write (SQLite, WAL, one commit per record): median ${round(median(writeTimes))} µs wall, p95 ${round(percentile(writeTimes, 0.95))} µs; mean CPU ${round(writeCpuMicros)} µs`,
  );
  writeStore.close();

  const callTracker = createTracker({
    store: createSqliteStore({ path: join(directory, 'calls.db') }),
    logger: silent,
  });
  const provider = createMockProvider({
    responses: { text: 'ok', usage: { inputTokens: 10, outputTokens: 2 } },
  });
  const bare = createClient({ providers: [provider] });
  const tracked = createClient({ providers: [provider], middleware: [callTracker.middleware] });
  const request = { model: 'mock/bench', messages: [{ role: 'user' as const, content: 'hi' }] };
  for (let warm = 0; warm < 500; warm += 1) {
    await bare.chat(request);
    await tracked.chat(request);
  }
  const bareTimes: number[] = [];
  const trackedTimes: number[] = [];
  for (let call = 0; call < 10_000; call += 1) {
    started = performance.now();
    await bare.chat(request);
    bareTimes.push((performance.now() - started) * 1000);
    started = performance.now();
    await tracked.chat(request);
    trackedTimes.push((performance.now() - started) * 1000);
  }
  console.log(
    `chat without tracker: median ${round(median(bareTimes))} µs; with tracker: ${round(median(trackedTimes))} µs; added ${round(median(trackedTimes) - median(bareTimes))} µs`,
  );
  provider.reset();
  await callTracker.close();
} finally {
  rmSync(directory, { recursive: true, force: true });
}
