import { GroupTotals, sortGroups } from '../analytics/group-totals.js';
import { filterValues, isTimeBucket, toMillis } from '../analytics/resolve-query.js';
import { createMemoryBudgetStore } from '../budgets/memory-budget-store.js';
import type { CallRecord } from '../records/call-record.js';
import { decodeCursor, encodeCursor, pageLimit } from './cursor.js';
import type {
  ListOptions,
  RecordPage,
  RecordStore,
  ResolvedQuery,
  TimeRange,
  UsageFilter,
  UsageGroup,
} from './record-store.js';

/** Records in this process's memory, for tests and short scripts; lost when the process ends. */
export function createMemoryStore(): RecordStore {
  let records: CallRecord[] = [];
  const budgets = createMemoryBudgetStore();

  function matching(options: Omit<ListOptions, 'cursor' | 'limit'>): CallRecord[] {
    const from = toMillis(options.from, Number.NEGATIVE_INFINITY, 'from');
    const to = toMillis(options.to, Number.POSITIVE_INFINITY, 'to');
    const filter = options.filter ?? {};
    return records
      .filter((record) => record.time >= from && record.time < to && matches(record, filter))
      .sort(byTimeThenId);
  }

  return {
    budgets,
    write(record) {
      records.push(record);
    },
    writeMany(batch) {
      for (const record of batch) records.push(record);
    },
    query(query) {
      return queryRecords(records, query);
    },
    list(options): RecordPage {
      const limit = pageLimit(options.limit);
      const after = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
      const newestFirst = matching(options).reverse();
      const start = after ? newestFirst.findIndex((record) => byTimeThenId(record, after) < 0) : 0;
      const page = start < 0 ? [] : newestFirst.slice(start, start + limit);
      const last = page.at(-1);
      const more = start >= 0 && start + limit < newestFirst.length;
      return { records: page, nextCursor: more && last ? encodeCursor(last) : undefined };
    },
    async *scan(options) {
      yield* matching(options);
    },
    deleteBefore(before) {
      const kept = records.filter((record) => record.time >= before);
      const deleted = records.length - kept.length;
      records = kept;
      return deleted;
    },
    close() {
      records = [];
    },
  };
}

function byTimeThenId(a: { time: number; id: string }, b: { time: number; id: string }): number {
  if (a.time !== b.time) return a.time - b.time;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function matches(record: CallRecord, filter: UsageFilter): boolean {
  const providers = filterValues(filter.provider);
  if (providers && !providers.includes(record.provider)) return false;
  const models = filterValues(filter.model);
  if (models && !models.includes(record.model)) return false;
  for (const [key, value] of Object.entries(filter.tags ?? {})) {
    if (record.tags[key] !== value) return false;
  }
  return true;
}

/** Answers a query over records in memory, exactly as the SQL stores do. */
export function queryRecords(records: Iterable<CallRecord>, query: ResolvedQuery): UsageGroup[] {
  const groups = new Map<string, GroupTotals>();
  for (const record of records) {
    if (record.time < query.from || record.time >= query.to) continue;
    if (!matches(record, query.filter)) continue;
    const bucket = findBucket(query.buckets, record.time);
    if (!bucket) continue;
    const key: Record<string, string> = {};
    for (const dimension of query.groupBy) {
      if (isTimeBucket(dimension)) key[dimension] = bucket.label;
      else if (dimension === 'provider') key[dimension] = record.provider;
      else if (dimension === 'model') key[dimension] = record.model;
      else key[dimension] = record.tags[dimension.slice(4)] ?? '';
    }
    const id = JSON.stringify(query.groupBy.map((dimension) => key[dimension]));
    let totals = groups.get(id);
    if (!totals) {
      totals = new GroupTotals(key);
      groups.set(id, totals);
    }
    totals.add(record);
  }
  return sortGroups(
    [...groups.values()].map((totals) => totals.toGroup()),
    query.groupBy,
  );
}

/** The bucket holding `time` (buckets are sorted and do not overlap). */
export function findBucket(buckets: readonly TimeRange[], time: number): TimeRange | undefined {
  let low = 0;
  let high = buckets.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const bucket = buckets[middle];
    if (!bucket) return undefined;
    if (time < bucket.start) high = middle - 1;
    else if (time >= bucket.end) low = middle + 1;
    else return bucket;
  }
  return undefined;
}
