import type { DatabaseSync, SQLInputValue, SQLOutputValue } from 'node:sqlite';
import { ConfigurationError } from '@stratum/core';
import { GroupTotals, sortGroups } from '../analytics/group-totals.js';
import { filterValues, isTimeBucket } from '../analytics/resolve-query.js';
import { findBucket } from '../stores/memory-store.js';
import type { GroupBy, ResolvedQuery, UsageFilter, UsageGroup } from '../stores/record-store.js';
import { big, integer, real, text } from './sqlite-rows.js';
import { HOUR_MS } from './sqlite-schema.js';

type Row = Record<string, SQLOutputValue>;

const ROLLUP_COLUMNS = `hour, provider, model, error_class, calls, cache_hits, estimated,
  input_tokens, cache_read_tokens, cache_write_tokens, output_tokens, reasoning_tokens,
  cost_input, cost_cache_read, cost_cache_write, cost_output, cost_reasoning, latency_sum`;

const SUMMED = `SUM(input_tokens) AS input_tokens, SUM(cache_read_tokens) AS cache_read_tokens,
  SUM(cache_write_tokens) AS cache_write_tokens, SUM(output_tokens) AS output_tokens,
  SUM(reasoning_tokens) AS reasoning_tokens, SUM(cost_input) AS cost_input,
  SUM(cost_cache_read) AS cost_cache_read, SUM(cost_cache_write) AS cost_cache_write,
  SUM(cost_output) AS cost_output, SUM(cost_reasoning) AS cost_reasoning`;

/**
 * Answers a query in SQL; sums are exact 64-bit integers read as BigInt. The rollups answer
 * when every bound falls on a UTC hour (any zone with whole-hour offsets) and nothing needs a
 * tag; anything else reads the calls through their time index.
 */
export function querySqlite(database: DatabaseSync, query: ResolvedQuery): UsageGroup[] {
  const usesTags =
    Object.keys(query.filter.tags ?? {}).length > 0 ||
    query.groupBy.some((dimension) => dimension.startsWith('tag:'));
  const aligned = query.buckets.every(
    (bucket) => bucket.start % HOUR_MS === 0 && bucket.end % HOUR_MS === 0,
  );
  const groups = new Groups(query.groupBy);
  if (!usesTags && aligned) queryRollup(database, query, groups);
  else queryCalls(database, query, groups);
  return groups.result();
}

class Groups {
  readonly #groups = new Map<string, GroupTotals>();
  constructor(readonly groupBy: readonly GroupBy[]) {}

  get(values: readonly string[]): GroupTotals {
    const id = JSON.stringify(values);
    let group = this.#groups.get(id);
    if (!group) {
      const key: Partial<Record<GroupBy, string>> = {};
      for (const [index, dimension] of this.groupBy.entries()) key[dimension] = values[index];
      group = new GroupTotals(key);
      this.#groups.set(id, group);
    }
    return group;
  }

  result(): UsageGroup[] {
    return sortGroups(
      [...this.#groups.values()].map((group) => group.toGroup()),
      this.groupBy,
    );
  }
}

function addSums(group: GroupTotals, row: Row): void {
  const calls = integer(row, 'calls');
  group.calls += calls;
  const errorClass = text(row, 'error_class') ?? '';
  if (errorClass !== '') group.addErrors(errorClass, calls);
  group.cacheHits += integer(row, 'cache_hits');
  group.estimatedCalls += integer(row, 'estimated');
  group.inputTokens += integer(row, 'input_tokens');
  group.cacheReadTokens += integer(row, 'cache_read_tokens');
  group.cacheWriteTokens += integer(row, 'cache_write_tokens');
  group.outputTokens += integer(row, 'output_tokens');
  group.reasoningTokens += integer(row, 'reasoning_tokens');
  group.costInput += big(row, 'cost_input');
  group.costCacheRead += big(row, 'cost_cache_read');
  group.costCacheWrite += big(row, 'cost_cache_write');
  group.costOutput += big(row, 'cost_output');
  group.costReasoning += big(row, 'cost_reasoning');
  group.latencySum += real(row, 'latency_sum') ?? 0;
}

/**
 * The rollup rows of the range, read as they are (a few thousand for a month) and added up
 * per bucket here, their latency histograms merged as they are read.
 */
function queryRollup(database: DatabaseSync, query: ResolvedQuery, groups: Groups): void {
  const where = filterSql(query.filter, false);
  const statement = database.prepare(
    `SELECT ${ROLLUP_COLUMNS}, json(latency_bins) AS bins FROM rollup_hour WHERE hour >= ? AND hour < ?${where.sql.replace('WHERE', ' AND')} ORDER BY hour`,
  );
  statement.setReadBigInts(true);
  const first = query.buckets[0]?.start ?? query.from;
  const last = query.buckets.at(-1)?.end ?? query.to;
  for (const row of statement.all(first, last, ...where.parameters)) {
    const bucket = findBucket(query.buckets, integer(row, 'hour'));
    if (!bucket) continue;
    const group = groups.get(
      query.groupBy.map((dimension) =>
        isTimeBucket(dimension) ? bucket.label : (text(row, dimension) ?? ''),
      ),
    );
    addSums(group, row);
    const bins: unknown = JSON.parse(text(row, 'bins') ?? '{}');
    if (typeof bins !== 'object' || bins === null) continue;
    for (const bin in bins) {
      const count: unknown = Reflect.get(bins, bin);
      if (typeof count === 'number') group.addBin(Number(bin), count);
    }
  }
}

/** Groups the calls themselves, time buckets joined from a JSON list of ranges. */
function queryCalls(database: DatabaseSync, query: ResolvedQuery, groups: Groups): void {
  const groupParameters: SQLInputValue[] = [];
  const selectColumns: string[] = [];
  const aliases: string[] = [];
  for (const [index, dimension] of query.groupBy.entries()) {
    let expression: string;
    if (isTimeBucket(dimension)) expression = 'b.value ->> 0';
    else if (dimension === 'provider' || dimension === 'model') expression = dimension;
    else {
      expression = `coalesce(json_extract(tags, ?), '')`;
      groupParameters.push(tagPath(dimension.slice(4)));
    }
    selectColumns.push(`${expression} AS g${index}`);
    aliases.push(`g${index}`);
  }
  const where = filterSql(query.filter, true);
  const prefix = selectColumns.map((column) => `${column}, `).join('');
  const groupPrefix = aliases.map((alias) => `${alias}, `).join('');
  const from = `FROM json_each(?) AS b JOIN calls ON time >= (b.value ->> 1) AND time < (b.value ->> 2) ${where.sql}`;
  const parameters = [
    ...groupParameters,
    JSON.stringify(query.buckets.map((bucket) => [bucket.label, bucket.start, bucket.end])),
    ...where.parameters,
  ];
  const valuesOf = (row: Row) => aliases.map((alias) => String(row[alias] ?? ''));
  const totals = database.prepare(`
    SELECT ${prefix}coalesce(error_class, '') AS error_class, COUNT(*) AS calls,
      SUM(cache_hit) AS cache_hits, SUM(estimated) AS estimated, ${SUMMED},
      SUM(latency_ms) AS latency_sum
    ${from} GROUP BY ${groupPrefix}coalesce(error_class, '')`);
  totals.setReadBigInts(true);
  for (const row of totals.all(...parameters)) addSums(groups.get(valuesOf(row)), row);
  const latency = database.prepare(`
    SELECT ${prefix}latency_bin AS bin, COUNT(*) AS calls
    ${from} GROUP BY ${groupPrefix}latency_bin`);
  for (const row of latency.all(...parameters)) {
    groups.get(valuesOf(row)).addBin(integer(row, 'bin'), integer(row, 'calls'));
  }
}

function tagPath(key: string): string {
  if (!/^[\w.-]+$/.test(key)) {
    throw new ConfigurationError(
      `tracker.query: tag key "${key}" may hold letters, digits, _, . and - only.`,
    );
  }
  return `$."${key}"`;
}

function filterSql(
  filter: UsageFilter,
  withTags: boolean,
): { sql: string; parameters: SQLInputValue[] } {
  const clauses: string[] = [];
  const parameters: SQLInputValue[] = [];
  for (const column of ['provider', 'model'] as const) {
    const values = filterValues(filter[column]);
    if (!values) continue;
    clauses.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    parameters.push(...values);
  }
  if (withTags) {
    for (const [key, value] of Object.entries(filter.tags ?? {})) {
      clauses.push('json_extract(tags, ?) = ?');
      parameters.push(tagPath(key), value);
    }
  }
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', parameters };
}

/** SQL and parameters selecting calls in a time range and filter, for listing and export. */
export function recordFilterSql(
  from: number,
  to: number,
  filter: UsageFilter,
): { sql: string; parameters: SQLInputValue[] } {
  const where = filterSql(filter, true);
  const clauses = ['time >= ?', 'time < ?'];
  if (where.sql !== '') clauses.push(where.sql.slice('WHERE '.length));
  return { sql: clauses.join(' AND '), parameters: [from, to, ...where.parameters] };
}
