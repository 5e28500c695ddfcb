/**
 * One usage convention for every vendor.
 *
 * - `inputTokens`: every prompt token, cache reads and cache writes included.
 * - `cacheReadTokens` / `cacheWriteTokens`: the parts of `inputTokens` read from or written to
 *   the vendor's prompt cache.
 * - `outputTokens`: every generated token, reasoning included.
 * - `reasoningTokens`: the part of `outputTokens` spent on reasoning.
 * - `totalTokens`: `inputTokens + outputTokens`.
 *
 * Each provider package documents how its vendor's fields map onto this.
 */
export interface Usage {
  inputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  totalTokens: number;
}

/** Prices of the parts of a call, in US dollars. */
export interface Cost {
  currency: 'USD';
  /** Uncached input tokens. */
  input: number;
  cacheRead: number;
  cacheWrite: number;
  /** Output tokens, reasoning included unless the model prices reasoning apart. */
  output: number;
  /** Reasoning tokens, where the model prices them apart from output (else 0). */
  reasoning: number;
  total: number;
  /** Where the numbers come from: the catalog's prices, or the vendor's own report. */
  source: 'catalog' | 'provider';
}
