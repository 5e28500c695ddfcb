/**
 * The SQLite schema. `calls` holds one row per call; `rollup_hour`, kept by a trigger in the
 * same transaction as the insert, answers time-range analytics without reading the calls: sums
 * per UTC hour, provider, model and error class, with the latency histogram (log-scale bin →
 * count, as JSONB) for p50/p95. A month of a million calls is a few thousand rollup rows.
 */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS calls (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  time INTEGER NOT NULL,
  hour INTEGER NOT NULL,
  operation TEXT NOT NULL,
  requested_model TEXT NOT NULL,
  model TEXT NOT NULL,
  response_id TEXT,
  response_model TEXT,
  provider TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  tags TEXT NOT NULL,
  input_tokens INTEGER NOT NULL,
  cache_read_tokens INTEGER NOT NULL,
  cache_write_tokens INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  reasoning_tokens INTEGER NOT NULL,
  cost_input INTEGER NOT NULL,
  cost_cache_read INTEGER NOT NULL,
  cost_cache_write INTEGER NOT NULL,
  cost_output INTEGER NOT NULL,
  cost_reasoning INTEGER NOT NULL,
  cost_total INTEGER NOT NULL,
  priced INTEGER NOT NULL,
  latency_ms REAL NOT NULL,
  latency_bin INTEGER NOT NULL,
  time_to_first_token_ms REAL,
  finish_reason TEXT,
  error_class TEXT,
  cache_hit INTEGER NOT NULL,
  estimated INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS calls_by_time ON calls (time, id);
CREATE TABLE IF NOT EXISTS rollup_hour (
  hour INTEGER NOT NULL,
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  error_class TEXT NOT NULL,
  calls INTEGER NOT NULL,
  cache_hits INTEGER NOT NULL,
  estimated INTEGER NOT NULL,
  input_tokens INTEGER NOT NULL,
  cache_read_tokens INTEGER NOT NULL,
  cache_write_tokens INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  reasoning_tokens INTEGER NOT NULL,
  cost_input INTEGER NOT NULL,
  cost_cache_read INTEGER NOT NULL,
  cost_cache_write INTEGER NOT NULL,
  cost_output INTEGER NOT NULL,
  cost_reasoning INTEGER NOT NULL,
  latency_sum REAL NOT NULL,
  latency_bins BLOB NOT NULL,
  PRIMARY KEY (hour, provider, model, error_class)
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS calls_rollup AFTER INSERT ON calls BEGIN
  INSERT INTO rollup_hour VALUES (
    NEW.hour, NEW.provider, NEW.model, coalesce(NEW.error_class, ''), 1, NEW.cache_hit,
    NEW.estimated, NEW.input_tokens, NEW.cache_read_tokens, NEW.cache_write_tokens,
    NEW.output_tokens, NEW.reasoning_tokens, NEW.cost_input, NEW.cost_cache_read,
    NEW.cost_cache_write, NEW.cost_output, NEW.cost_reasoning, NEW.latency_ms,
    jsonb_object(CAST(NEW.latency_bin AS TEXT), 1))
  ON CONFLICT DO UPDATE SET
    calls = calls + 1,
    cache_hits = cache_hits + excluded.cache_hits,
    estimated = estimated + excluded.estimated,
    input_tokens = input_tokens + excluded.input_tokens,
    cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens,
    cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens,
    output_tokens = output_tokens + excluded.output_tokens,
    reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens,
    cost_input = cost_input + excluded.cost_input,
    cost_cache_read = cost_cache_read + excluded.cost_cache_read,
    cost_cache_write = cost_cache_write + excluded.cost_cache_write,
    cost_output = cost_output + excluded.cost_output,
    cost_reasoning = cost_reasoning + excluded.cost_reasoning,
    latency_sum = latency_sum + excluded.latency_sum,
    latency_bins = jsonb_set(latency_bins, '$."' || NEW.latency_bin || '"',
      coalesce(latency_bins ->> ('$."' || NEW.latency_bin || '"'), 0) + 1);
END;
CREATE TABLE IF NOT EXISTS budget_spend (
  key TEXT NOT NULL,
  slot INTEGER NOT NULL,
  amount INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (key, slot)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS budget_reservations (
  key TEXT NOT NULL,
  id TEXT NOT NULL,
  amount INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (key, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS budget_alerts (
  key TEXT NOT NULL,
  threshold REAL NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (key, threshold)
) WITHOUT ROWID;
`;

export const HOUR_MS = 3_600_000;
