import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import {
  createMemoryStore,
  createSqliteStore,
  createTracker,
  type UsageGroup,
  type UsageQuery,
} from '../src/index.js';
import { syntheticRecords } from './support/synthetic-records.js';
import { captureLogger, useTempDir } from './support/temp-dir.js';

const nextPath = useTempDir('analytics');
const MARCH = Date.UTC(2026, 2, 1);
const APRIL = Date.UTC(2026, 3, 1);

function trackers() {
  const memory = createTracker({ store: createMemoryStore(), logger: captureLogger() });
  const sqlite = createTracker({
    store: createSqliteStore({ path: nextPath() }),
    logger: captureLogger(),
  });
  const records = [...syntheticRecords(20_000, MARCH - 86_400_000, APRIL + 86_400_000)];
  memory.store.writeMany(records);
  sqlite.store.writeMany(records);
  return { memory, sqlite, records };
}

/** Quantiles come from 2%-wide bins in both stores: compare them apart, the rest exactly. */
function comparable(groups: UsageGroup[]) {
  return groups.map(({ latencyMs, ...rest }) => ({
    ...rest,
    average: Math.round(latencyMs.average),
  }));
}

describe('tracker.query', () => {
  const { memory, sqlite, records } = trackers();

  const queries: Array<[string, UsageQuery]> = [
    ['a month by model and day (rollups)', { from: MARCH, to: APRIL, groupBy: ['model', 'day'] }],
    [
      'a month by provider and day in Paris (rollups)',
      { from: MARCH, to: APRIL, groupBy: ['provider', 'day'], timeZone: 'Europe/Paris' },
    ],
    [
      'by hour in Kolkata, a half-hour zone (calls)',
      { from: MARCH, to: MARCH + 3 * 86_400_000, groupBy: ['hour'], timeZone: 'Asia/Kolkata' },
    ],
    [
      'by tag and month (calls)',
      { from: MARCH - 86_400_000, to: APRIL + 86_400_000, groupBy: ['tag:user', 'month'] },
    ],
    [
      'one user of one provider (calls)',
      { filter: { provider: 'openai', tags: { user: 'bob' } }, groupBy: ['model'] },
    ],
    ['everything, no grouping', {}],
  ];

  it.each(queries)('SQLite and memory agree: %s', async (_name, query) => {
    const fromSqlite = await sqlite.query(query);
    const fromMemory = await memory.query(query);
    expect(fromSqlite.length).toBeGreaterThan(0);
    expect(comparable(fromSqlite)).toEqual(comparable(fromMemory));
    for (const [index, group] of fromSqlite.entries()) {
      const other = fromMemory[index]!;
      expect(Math.abs(group.latencyMs.p50 - other.latencyMs.p50)).toBeLessThanOrEqual(
        0.02 * other.latencyMs.p50 + 0.1,
      );
      expect(Math.abs(group.latencyMs.p95 - other.latencyMs.p95)).toBeLessThanOrEqual(
        0.02 * other.latencyMs.p95 + 0.1,
      );
    }
  });

  it('sums exactly what was recorded, with errors by class and quantiles within 2%', async () => {
    const [all] = await sqlite.query();
    const expected = records.reduce((sum, record) => sum + BigInt(record.cost.total), 0n);
    expect(all?.cost.total).toBe(expected);
    expect(all?.calls).toBe(records.length);
    expect(all?.errors).toEqual({ RateLimitError: records.filter((r) => r.errorClass).length });
    const latencies = records.map((record) => record.latencyMs).sort((a, b) => a - b);
    const p95 = latencies[Math.floor(0.95 * (latencies.length - 1))]!;
    expect(Math.abs((all?.latencyMs.p95 ?? 0) - p95) / p95).toBeLessThan(0.021);
  });

  it('labels days in the query time zone', async () => {
    const groups = await sqlite.query({
      from: MARCH,
      to: APRIL,
      groupBy: ['day'],
      timeZone: 'America/New_York',
    });
    expect(groups[0]?.key.day).toBe('2026-02-28');
    expect(groups.at(-1)?.key.day).toBe('2026-03-31');
    expect(groups.reduce((sum, group) => sum + group.calls, 0)).toBe(
      records.filter((record) => record.time >= MARCH && record.time < APRIL).length,
    );
  });

  it('summary gives total cost, tokens and latency', async () => {
    const summary = await sqlite.summary();
    expect(summary.calls).toBe(records.length);
    expect(summary.totalCost).toBe(
      records.reduce((sum, record) => sum + BigInt(record.cost.total), 0n),
    );
    expect(summary.tokens.input).toBe(records.reduce((sum, record) => sum + record.inputTokens, 0));
    expect(summary.averageLatencyMs).toBeGreaterThan(50);
  });

  it('rejects a bad query with the fix', async () => {
    await expect(sqlite.query({ groupBy: ['day'] })).rejects.toThrow(/needs a start/);
    await expect(sqlite.query({ groupBy: ['colour' as 'model'] })).rejects.toThrow(/groupBy/);
    await expect(
      sqlite.query({ from: MARCH, groupBy: ['day'], timeZone: 'Nowhere/City' }),
    ).rejects.toThrow(/IANA/);
  });
});

describe('exports', () => {
  const { sqlite, records } = trackers();

  it('CSV is RFC 4180: a header, CRLF line ends, quoted fields, exact dollars', async () => {
    const csv = await text(sqlite.exportCsv({ from: MARCH, to: MARCH + 3_600_000 }));
    const lines = csv.split('\r\n').filter((line) => line !== '');
    const inRange = records.filter(
      (record) => record.time >= MARCH && record.time < MARCH + 3_600_000,
    );
    expect(lines).toHaveLength(inRange.length + 1);
    expect(lines[0]?.startsWith('id,time,operation,requested_model,model')).toBe(true);
    const first = inRange[0]!;
    // Tags are JSON with quotes and commas, so the field is quoted and its quotes doubled.
    expect(lines[1]).toContain(`"${JSON.stringify(first.tags).replaceAll('"', '""')}"`);
    expect(lines[1]).toContain(`,${(first.cost.total / 1e12).toFixed(12)},`);
  });

  it('JSON lines hold one record per line, oldest first', async () => {
    const jsonLines = await text(sqlite.exportJsonLines({ filter: { model: 'openai/gpt-4.1' } }));
    const parsed = jsonLines
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const expected = records.filter((record) => record.model === 'openai/gpt-4.1');
    expect(parsed).toHaveLength(expected.length);
    expect(parsed[0]).toMatchObject({ id: expected[0]?.id, cost: expected[0]?.cost });
    expect(parsed.map((record) => record.time)).toEqual(
      [...parsed.map((record) => record.time)].sort((a, b) => a - b),
    );
  });
});
