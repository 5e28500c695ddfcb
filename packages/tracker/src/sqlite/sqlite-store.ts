import { DatabaseSync } from 'node:sqlite';
import { latencyBin } from '../analytics/latency-histogram.js';
import { toMillis } from '../analytics/resolve-query.js';
import type { CallRecord } from '../records/call-record.js';
import { decodeCursor, encodeCursor, pageLimit } from '../stores/cursor.js';
import type { RecordPage, RecordStore } from '../stores/record-store.js';
import { createSqliteBudgetStore } from './sqlite-budget-store.js';
import { querySqlite, recordFilterSql } from './sqlite-query.js';
import { rowToRecord } from './sqlite-rows.js';
import { HOUR_MS, SCHEMA } from './sqlite-schema.js';

export interface SqliteStoreOptions {
  /** The database file (default `stratum-usage.db` in the working directory); `:memory:` for none. */
  path?: string;
  /**
   * `normal` (default): a committed record survives the process being killed (`kill -9`), as
   * WAL mode writes it to the operating system before the call returns. `full`: it also
   * survives a power cut, at the price of an fsync per call.
   */
  synchronous?: 'normal' | 'full';
  /** How long a write waits for another process holding the lock (default 10 s). */
  busyTimeoutMs?: number;
}

/** Rows read per page while streaming an export, so its memory stays flat. */
const SCAN_PAGE = 1_000;

/**
 * The default store: one SQLite file through Node's built-in `node:sqlite` (no native add-on
 * to build, no server), in WAL mode so readers never block the writer and several processes
 * can share the file. Each record is inserted synchronously, in its own transaction, before
 * the middleware hands the response back.
 */
export function createSqliteStore(options: SqliteStoreOptions = {}): RecordStore {
  const database = new DatabaseSync(options.path ?? 'stratum-usage.db', {
    timeout: options.busyTimeoutMs ?? 10_000,
  });
  database.exec('PRAGMA journal_mode = WAL');
  database.exec(`PRAGMA synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  database.exec(SCHEMA);
  const insert = database.prepare(`
    INSERT INTO calls (id, time, hour, operation, requested_model, model, response_id, response_model,
      provider, attempts, tags, input_tokens, cache_read_tokens, cache_write_tokens,
      output_tokens, reasoning_tokens, cost_input, cost_cache_read, cost_cache_write,
      cost_output, cost_reasoning, cost_total, priced, latency_ms, latency_bin,
      time_to_first_token_ms, finish_reason, error_class, cache_hit, estimated)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const write = (record: CallRecord): void => {
    insert.run(
      record.id,
      record.time,
      record.time - (record.time % HOUR_MS),
      record.operation,
      record.requestedModel,
      record.model,
      record.responseId ?? null,
      record.responseModel ?? null,
      record.provider,
      record.attempts,
      JSON.stringify(record.tags),
      record.inputTokens,
      record.cacheReadTokens,
      record.cacheWriteTokens,
      record.outputTokens,
      record.reasoningTokens,
      record.cost.input,
      record.cost.cacheRead,
      record.cost.cacheWrite,
      record.cost.output,
      record.cost.reasoning,
      record.cost.total,
      record.priced ? 1 : 0,
      record.latencyMs,
      latencyBin(record.latencyMs),
      record.timeToFirstTokenMs ?? null,
      record.finishReason ?? null,
      record.errorClass ?? null,
      record.cacheHit ? 1 : 0,
      record.estimated ? 1 : 0,
    );
  };
  const budgets = createSqliteBudgetStore(database);

  return {
    budgets,
    write,
    writeMany(records) {
      database.exec('BEGIN IMMEDIATE');
      try {
        for (const record of records) write(record);
        database.exec('COMMIT');
      } catch (error) {
        database.exec('ROLLBACK');
        throw error;
      }
    },
    query: (query) => querySqlite(database, query),
    list(options): RecordPage {
      const limit = pageLimit(options.limit);
      const where = recordFilterSql(
        toMillis(options.from, Number.MIN_SAFE_INTEGER, 'from'),
        toMillis(options.to, Number.MAX_SAFE_INTEGER, 'to'),
        options.filter ?? {},
      );
      const parameters = [...where.parameters];
      let keyset = '';
      if (options.cursor !== undefined) {
        const after = decodeCursor(options.cursor);
        keyset = ' AND (time, id) < (?, ?)';
        parameters.push(after.time, after.id);
      }
      const rows = database
        .prepare(
          `SELECT * FROM calls WHERE ${where.sql}${keyset} ORDER BY time DESC, id DESC LIMIT ?`,
        )
        .all(...parameters, limit + 1);
      const records = rows.slice(0, limit).map(rowToRecord);
      const last = records.at(-1);
      return { records, nextCursor: rows.length > limit && last ? encodeCursor(last) : undefined };
    },
    async *scan(options) {
      const where = recordFilterSql(
        toMillis(options.from, Number.MIN_SAFE_INTEGER, 'from'),
        toMillis(options.to, Number.MAX_SAFE_INTEGER, 'to'),
        options.filter ?? {},
      );
      const page = database.prepare(
        `SELECT * FROM calls WHERE ${where.sql} AND (time, id) > (?, ?) ORDER BY time, id LIMIT ?`,
      );
      let after: { time: number; id: string } = { time: Number.MIN_SAFE_INTEGER, id: '' };
      for (;;) {
        const rows = page.all(...where.parameters, after.time, after.id, SCAN_PAGE);
        for (const row of rows) {
          const record = rowToRecord(row);
          after = record;
          yield record;
        }
        if (rows.length < SCAN_PAGE) return;
      }
    },
    deleteBefore(before) {
      // Rollup hours are kept or dropped whole, so the cutoff moves down to an hour.
      const cutoff = before - (before % HOUR_MS);
      database.exec('BEGIN IMMEDIATE');
      try {
        const deleted = database.prepare('DELETE FROM calls WHERE time < ?').run(cutoff).changes;
        database.prepare('DELETE FROM rollup_hour WHERE hour < ?').run(cutoff);
        database.exec('COMMIT');
        return Number(deleted);
      } catch (error) {
        database.exec('ROLLBACK');
        throw error;
      }
    },
    close() {
      if (database.isOpen) database.close();
    },
  };
}
