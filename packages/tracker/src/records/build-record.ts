import {
  type CallContext,
  type ChatResponse,
  type Cost,
  calculateCost,
  StratumError,
  toPicodollars,
  type Usage,
} from '@stratum/core';
import { readCacheState, readRetryState } from '@stratum/middleware';
import { type CallRecord, type CostPicodollars, ZERO_COST } from './call-record.js';
import { tagsOf } from './tags-of.js';

export interface CallStart {
  id: string;
  time: number;
  /** `performance.now()` at the start. */
  started: number;
  operation: 'chat' | 'stream';
  requestedModel: string;
}

export interface CallOutcome {
  response?: ChatResponse;
  /** Usage estimated from what a stream delivered, when it has no response. */
  estimatedUsage?: Usage;
  error?: unknown;
  timeToFirstTokenMs?: number;
}

/** Builds the record of a finished, failed or cut call from what the middleware saw. */
export function buildRecord(
  context: CallContext,
  start: CallStart,
  outcome: CallOutcome,
): CallRecord {
  const { response, estimatedUsage, error } = outcome;
  const usage = response?.usage ?? estimatedUsage;
  const cost = response
    ? response.cost
    : estimatedUsage && context.model.info
      ? calculateCost(context.model.info, estimatedUsage)
      : undefined;
  const retry = readRetryState(context);
  const cache = readCacheState(context);
  return {
    id: start.id,
    time: start.time,
    operation: start.operation,
    requestedModel: start.requestedModel,
    model: response?.modelId ?? context.model.id,
    responseId: response?.id || undefined,
    responseModel: response?.model || undefined,
    provider: response?.provider ?? context.model.provider,
    attempts: retry?.attempts ?? context.attempt,
    tags: tagsOf(context.request),
    inputTokens: usage?.inputTokens ?? 0,
    cacheReadTokens: usage?.cacheReadTokens ?? 0,
    cacheWriteTokens: usage?.cacheWriteTokens ?? 0,
    outputTokens: usage?.outputTokens ?? 0,
    reasoningTokens: usage?.reasoningTokens ?? 0,
    // A cache hit was not paid for: its cost is the saving, not spend.
    cost: response?.cached || cache?.hit ? ZERO_COST : costInPicodollars(cost),
    priced: cost !== undefined,
    latencyMs: performance.now() - start.started,
    timeToFirstTokenMs: outcome.timeToFirstTokenMs,
    finishReason: response?.finishReason,
    errorClass: error === undefined ? undefined : errorClassOf(error),
    cacheHit: response?.cached === true || cache?.hit === true,
    estimated: response === undefined && estimatedUsage !== undefined,
  };
}

/** `Cost` parts are sums of integer picodollars divided by 1e12: this gives the integers back. */
export function costInPicodollars(cost: Cost | undefined): CostPicodollars {
  if (!cost) return ZERO_COST;
  const input = Number(toPicodollars(cost.input));
  const cacheRead = Number(toPicodollars(cost.cacheRead));
  const cacheWrite = Number(toPicodollars(cost.cacheWrite));
  const output = Number(toPicodollars(cost.output));
  const reasoning = Number(toPicodollars(cost.reasoning));
  return {
    input,
    cacheRead,
    cacheWrite,
    output,
    reasoning,
    total: input + cacheRead + cacheWrite + output + reasoning,
  };
}

function errorClassOf(error: unknown): string {
  if (StratumError.is(error)) return error.name;
  if (error instanceof Error) return error.name;
  return typeof error;
}
