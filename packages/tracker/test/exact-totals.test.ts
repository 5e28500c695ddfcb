import { describe, expect, it } from 'vitest';
import { createSqliteStore, createTracker, formatUsd } from '../src/index.js';
import { syntheticRecords } from './support/synthetic-records.js';
import { captureLogger } from './support/temp-dir.js';

const MARCH = Date.UTC(2026, 2, 1);
const APRIL = Date.UTC(2026, 3, 1);

describe('1,000,000 recorded calls', () => {
  it('sum to the exact picodollar total, overall and per model and day', async () => {
    const tracker = createTracker({
      store: createSqliteStore({ path: ':memory:' }),
      logger: captureLogger(),
    });
    let exact = 0n;
    const byModel = new Map<string, bigint>();
    // In memory (this is about sums, not the disk); one transaction for the million rows: the rollup trigger runs for each, as in production.
    tracker.store.writeMany(
      (function* () {
        for (const record of syntheticRecords(1_000_000, MARCH, APRIL, 7)) {
          exact += BigInt(record.cost.total);
          byModel.set(record.model, (byModel.get(record.model) ?? 0n) + BigInt(record.cost.total));
          yield record;
        }
      })(),
    );
    const [total] = await tracker.query();
    expect(total?.calls).toBe(1_000_000);
    expect(total?.cost.total).toBe(exact);
    expect(formatUsd(total?.cost.total ?? 0n)).toBe(formatUsd(exact));

    const days = await tracker.query({ from: MARCH, to: APRIL, groupBy: ['model', 'day'] });
    expect(days).toHaveLength(5 * 31);
    const perModel = new Map<string, bigint>();
    for (const group of days) {
      const model = group.key.model ?? '';
      perModel.set(model, (perModel.get(model) ?? 0n) + group.cost.total);
    }
    expect(perModel).toEqual(byModel);
    const calls = days.reduce((sum, group) => sum + group.calls, 0);
    expect(calls).toBe(1_000_000);
    await tracker.close();
  });
});
