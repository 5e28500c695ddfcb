import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { CallRecord } from '../records/call-record.js';

export const CSV_COLUMNS = [
  'id',
  'time',
  'operation',
  'requested_model',
  'model',
  'response_id',
  'response_model',
  'provider',
  'attempts',
  'tags',
  'input_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'output_tokens',
  'reasoning_tokens',
  'cost_usd',
  'cost_input_picodollars',
  'cost_cache_read_picodollars',
  'cost_cache_write_picodollars',
  'cost_output_picodollars',
  'cost_reasoning_picodollars',
  'cost_total_picodollars',
  'priced',
  'latency_ms',
  'time_to_first_token_ms',
  'finish_reason',
  'error_class',
  'cache_hit',
  'estimated',
] as const;

/** Picodollars as an exact decimal dollar string (`0.000146800000`). */
export function formatUsd(picodollars: number | bigint): string {
  const value = BigInt(picodollars);
  const sign = value < 0n ? '-' : '';
  const absolute = value < 0n ? -value : value;
  const whole = absolute / 1_000_000_000_000n;
  const fraction = String(absolute % 1_000_000_000_000n).padStart(12, '0');
  return `${sign}${whole}.${fraction}`;
}

function csvRow(record: CallRecord): Array<string | number> {
  return [
    record.id,
    new Date(record.time).toISOString(),
    record.operation,
    record.requestedModel,
    record.model,
    record.responseId ?? '',
    record.responseModel ?? '',
    record.provider,
    record.attempts,
    JSON.stringify(record.tags),
    record.inputTokens,
    record.cacheReadTokens,
    record.cacheWriteTokens,
    record.outputTokens,
    record.reasoningTokens,
    formatUsd(record.cost.total),
    record.cost.input,
    record.cost.cacheRead,
    record.cost.cacheWrite,
    record.cost.output,
    record.cost.reasoning,
    record.cost.total,
    record.priced ? 'true' : 'false',
    Math.round(record.latencyMs * 10) / 10,
    record.timeToFirstTokenMs === undefined ? '' : Math.round(record.timeToFirstTokenMs * 10) / 10,
    record.finishReason ?? '',
    record.errorClass ?? '',
    record.cacheHit ? 'true' : 'false',
    record.estimated ? 'true' : 'false',
  ];
}

/**
 * Records as RFC 4180 CSV (csv-stringify: quoting, CRLF line ends, a header row). The records
 * are pulled page by page as the reader consumes the stream, so memory stays flat however
 * many there are.
 */
export function recordsToCsv(records: AsyncIterable<CallRecord>): Readable {
  const rows = Readable.from(
    (async function* () {
      for await (const record of records) yield csvRow(record);
    })(),
  );
  const csv = stringify({ header: true, columns: [...CSV_COLUMNS], record_delimiter: 'windows' });
  rows.on('error', (error) => csv.destroy(error));
  return rows.pipe(csv);
}

/** Records as JSON lines, one object per line, pulled as the reader consumes the stream. */
export function recordsToJsonLines(records: AsyncIterable<CallRecord>): Readable {
  return Readable.from(
    (async function* () {
      for await (const record of records) yield `${JSON.stringify(record)}\n`;
    })(),
  );
}
