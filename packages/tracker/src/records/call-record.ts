/**
 * One call as the tracker keeps it. Amounts are integer picodollars (1e-12 USD), so any number
 * of records sums exactly; a single call's amounts are far below 2^53.
 */
export interface CallRecord {
  id: string;
  /** When the call started (`Date.now()` clock). */
  time: number;
  operation: 'chat' | 'stream';
  /** What the caller asked for (a model id, alias or route). */
  requestedModel: string;
  /** The catalog id of the model that answered (`provider/model`). */
  model: string;
  /** The vendor's id of the response, to match against its bill and logs. */
  responseId: string | undefined;
  /** The model name the vendor reported, when it answered. */
  responseModel: string | undefined;
  provider: string;
  attempts: number;
  /** Tag keys and values: `metadata` strings and `key:value` request tags (see `tagsOf`). */
  tags: Record<string, string>;
  inputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  cost: CostPicodollars;
  /** False when the model's price is unknown (the cost is then 0 and says so). */
  priced: boolean;
  latencyMs: number;
  /** Time to the first streamed event; undefined for `chat`. */
  timeToFirstTokenMs: number | undefined;
  finishReason: string | undefined;
  /** The error's class name (`RateLimitError`); undefined when the call succeeded. */
  errorClass: string | undefined;
  cacheHit: boolean;
  /** True when the usage is an estimate (a stream aborted or cut before the vendor reported it). */
  estimated: boolean;
}

export interface CostPicodollars {
  input: number;
  cacheRead: number;
  cacheWrite: number;
  output: number;
  reasoning: number;
  total: number;
}

export const ZERO_COST: CostPicodollars = Object.freeze({
  input: 0,
  cacheRead: 0,
  cacheWrite: 0,
  output: 0,
  reasoning: 0,
  total: 0,
});

export const PICODOLLARS_PER_DOLLAR = 1e12;

/** Dollars as a whole number of picodollars. */
export function usdToPicodollars(usd: number): number {
  return Math.round(usd * PICODOLLARS_PER_DOLLAR);
}

/** An exact picodollar sum as dollars (for display; the bigint stays the exact figure). */
export function picodollarsToUsd(picodollars: bigint | number): number {
  if (typeof picodollars === 'number') return picodollars / PICODOLLARS_PER_DOLLAR;
  const whole = picodollars / 1_000_000_000_000n;
  const rest = picodollars % 1_000_000_000_000n;
  return Number(whole) + Number(rest) / PICODOLLARS_PER_DOLLAR;
}
