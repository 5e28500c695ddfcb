import type { SQLOutputValue } from 'node:sqlite';
import type { CallRecord } from '../records/call-record.js';

type Row = Record<string, SQLOutputValue>;

export function integer(row: Row, column: string): number {
  const value = row[column];
  if (typeof value === 'bigint') return Number(value);
  return typeof value === 'number' ? value : 0;
}

export function big(row: Row, column: string): bigint {
  const value = row[column];
  if (typeof value === 'bigint') return value;
  return typeof value === 'number' ? BigInt(Math.round(value)) : 0n;
}

export function text(row: Row, column: string): string | undefined {
  const value = row[column];
  return typeof value === 'string' ? value : undefined;
}

export function real(row: Row, column: string): number | undefined {
  const value = row[column];
  if (typeof value === 'bigint') return Number(value);
  return typeof value === 'number' ? value : undefined;
}

function parseTags(json: string | undefined): Record<string, string> {
  const tags: Record<string, string> = {};
  if (!json) return tags;
  const value: unknown = JSON.parse(json);
  if (typeof value !== 'object' || value === null) return tags;
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry === 'string') tags[key] = entry;
  }
  return tags;
}

/** A `calls` row as a record. */
export function rowToRecord(row: Row): CallRecord {
  const operation = text(row, 'operation') === 'stream' ? 'stream' : 'chat';
  return {
    id: text(row, 'id') ?? '',
    time: integer(row, 'time'),
    operation,
    requestedModel: text(row, 'requested_model') ?? '',
    model: text(row, 'model') ?? '',
    responseId: text(row, 'response_id'),
    responseModel: text(row, 'response_model'),
    provider: text(row, 'provider') ?? '',
    attempts: integer(row, 'attempts'),
    tags: parseTags(text(row, 'tags')),
    inputTokens: integer(row, 'input_tokens'),
    cacheReadTokens: integer(row, 'cache_read_tokens'),
    cacheWriteTokens: integer(row, 'cache_write_tokens'),
    outputTokens: integer(row, 'output_tokens'),
    reasoningTokens: integer(row, 'reasoning_tokens'),
    cost: {
      input: integer(row, 'cost_input'),
      cacheRead: integer(row, 'cost_cache_read'),
      cacheWrite: integer(row, 'cost_cache_write'),
      output: integer(row, 'cost_output'),
      reasoning: integer(row, 'cost_reasoning'),
      total: integer(row, 'cost_total'),
    },
    priced: integer(row, 'priced') === 1,
    latencyMs: real(row, 'latency_ms') ?? 0,
    timeToFirstTokenMs: real(row, 'time_to_first_token_ms'),
    finishReason: text(row, 'finish_reason'),
    errorClass: text(row, 'error_class'),
    cacheHit: integer(row, 'cache_hit') === 1,
    estimated: integer(row, 'estimated') === 1,
  };
}
