import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { ConfigurationError } from '@stratum/core';
import { GroupTotals, sortGroups } from '../analytics/group-totals.js';
import { filterValues, isTimeBucket } from '../analytics/resolve-query.js';
import type { GroupBy, ResolvedQuery, UsageFilter, UsageGroup } from '../stores/record-store.js';
import { big, integer, real, text } from './sqlite-rows.js';
import { HOUR_MS } from './sqlite-schema.js';

interface Source {
  table: 'rollup_hour' | 'calls';
  latencyTable: 'rollup_latency' | 'calls';
  timeColumn: 'hour' | 'time';
  /** SQL for the number of calls, their summed latency and a call's latency bin. */
  count: string;
  latencySum: string;
  bin: string;
}

const ROLLUP: Source = {
  table: 'rollup_hour',
  latencyTable: 'rollup_latency',
  timeColumn: 'hour',
  count: 'SUM(calls)',
  latencySum: 'SUM(latency_sum)',
  bin: 'bin',
};

const CALLS: Source = {
  table: 'calls',
  latencyTable: 'calls',
  timeColumn: 'time',
  count: 'COUNT(*)',
  latencySum: 'SUM(latency_ms)',
  bin: 'latency_bin',
};

/**
 * The rollups answer when every bound falls on a UTC hour (any zone with whole-hour offsets)
 * and nothing needs a tag; anything else reads the calls through their time index.
 */
function sourceFor(query: ResolvedQuery): Source {
  const usesTags =
    Object.keys(query.filter.tags ?? {}).length > 0 ||
    query.groupBy.some((dimension) => dimension.startsWith('tag:'));
  const aligned = query.buckets.every(
    (bucket) => bucket.start % HOUR_MS === 0 && bucket.end % HOUR_MS === 0,
  );
  return !usesTags && aligned ? ROLLUP : CALLS;
}

function tagPath(key: string): string {
  if (!/^[\w.-]+$/.test(key)) {
    throw new ConfigurationError(
      `tracker.query: tag key "${key}" may hold letters, digits, _, . and - only.`,
    );
  }
  return `$."${key}"`;
}

/** Answers a query in SQL; sums are exact 64-bit integers read as BigInt. */
export function querySqlite(database: DatabaseSync, query: ResolvedQuery): UsageGroup[] {
  const source = sourceFor(query);
  const parameters: SQLInputValue[] = [
    JSON.stringify(query.buckets.map((b) => [b.label, b.start, b.end])),
  ];
  const groupColumns: string[] = [];
  const selectColumns: string[] = [];
  for (const [index, dimension] of query.groupBy.entries()) {
    const alias = `g${index}`;
    let expression: string;
    if (isTimeBucket(dimension)) expression = 'b.value ->> 0';
    else if (dimension === 'provider' || dimension === 'model') expression = dimension;
    else {
      expression = `coalesce(json_extract(tags, ?), '')`;
      parameters.push(tagPath(dimension.slice(4)));
    }
    selectColumns.push(`${expression} AS ${alias}`);
    groupColumns.push(alias);
  }
  const where = filterSql(query.filter, source);
  const groupPrefix = selectColumns.length > 0 ? `${selectColumns.join(', ')}, ` : '';
  const groupSuffix = groupColumns.length > 0 ? `${groupColumns.join(', ')}, ` : '';
  const fromTable = (table: string) =>
    `FROM json_each(?) AS b JOIN ${table} ON ${source.timeColumn} >= (b.value ->> 1) AND ${source.timeColumn} < (b.value ->> 2)`;
  const from = fromTable(source.table);
  const errorColumn = source === ROLLUP ? 'error_class' : `coalesce(error_class, '')`;
  const totals = database.prepare(`
    SELECT ${groupPrefix}${errorColumn} AS error_class, ${source.count} AS calls,
      SUM(${source === ROLLUP ? 'cache_hits' : 'cache_hit'}) AS cache_hits,
      SUM(estimated) AS estimated,
      SUM(input_tokens) AS input_tokens,
      SUM(cache_read_tokens) AS cache_read_tokens,
      SUM(cache_write_tokens) AS cache_write_tokens,
      SUM(output_tokens) AS output_tokens,
      SUM(reasoning_tokens) AS reasoning_tokens,
      SUM(cost_input) AS cost_input,
      SUM(cost_cache_read) AS cost_cache_read,
      SUM(cost_cache_write) AS cost_cache_write,
      SUM(cost_output) AS cost_output,
      SUM(cost_reasoning) AS cost_reasoning,
      ${source.latencySum} AS latency_sum
    ${from} ${where.sql}
    GROUP BY ${groupSuffix}${errorColumn}`);
  totals.setReadBigInts(true);
  const groupParameters = parameters.slice(1);
  const rows = totals.all(...groupParameters, parameters[0] ?? null, ...where.parameters);

  const groups = new Map<string, GroupTotals>();
  const groupFor = (row: Record<string, unknown>): GroupTotals => {
    const values = query.groupBy.map((_, index) => String(row[`g${index}`] ?? ''));
    const id = JSON.stringify(values);
    let group = groups.get(id);
    if (!group) {
      const key: Partial<Record<GroupBy, string>> = {};
      for (const [index, dimension] of query.groupBy.entries()) key[dimension] = values[index];
      group = new GroupTotals(key);
      groups.set(id, group);
    }
    return group;
  };
  for (const row of rows) {
    const group = groupFor(row);
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

  const latency = database.prepare(`
    SELECT ${groupPrefix}${source.bin} AS bin, ${source.count} AS calls
    ${fromTable(source.latencyTable)} ${where.sql}
    GROUP BY ${groupSuffix}${source.bin}`);
  for (const row of latency.all(...groupParameters, parameters[0] ?? null, ...where.parameters)) {
    groupFor(row).addBin(integer(row, 'bin'), integer(row, 'calls'));
  }
  return sortGroups(
    [...groups.values()].map((group) => group.toGroup()),
    query.groupBy,
  );
}

function filterSql(
  filter: UsageFilter,
  source: Source,
): { sql: string; parameters: SQLInputValue[] } {
  const clauses: string[] = [];
  const parameters: SQLInputValue[] = [];
  for (const column of ['provider', 'model'] as const) {
    const values = filterValues(filter[column]);
    if (!values) continue;
    clauses.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    parameters.push(...values);
  }
  if (source === CALLS) {
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
  const where = filterSql(filter, CALLS);
  const clauses = ['time >= ?', 'time < ?'];
  if (where.sql !== '') clauses.push(where.sql.slice('WHERE '.length));
  return { sql: clauses.join(' AND '), parameters: [from, to, ...where.parameters] };
}
