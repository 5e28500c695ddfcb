import type { ChatResponse } from '@stratum/core';
import { callCostPicodollars, type Money, moneyFromPicodollars } from '../money.js';

/** The last message of a streamed call (SSE `done` and WebSocket `done` alike). */
export interface StreamResult {
  requestId: string;
  usage: ChatResponse['usage'];
  cost: Money;
  model: string;
  provider: string;
  finishReason: ChatResponse['finishReason'];
  latencyMs: number;
  timeToFirstTokenMs: number | null;
  routing?: ChatResponse['routing'];
}

export function streamResult(
  response: ChatResponse,
  timing: { requestId: string; started: number; timeToFirstTokenMs: number | null },
): StreamResult {
  return {
    requestId: timing.requestId,
    usage: response.usage,
    cost: moneyFromPicodollars(callCostPicodollars(response)),
    model: response.modelId,
    provider: response.provider,
    finishReason: response.finishReason,
    latencyMs: performance.now() - timing.started,
    timeToFirstTokenMs: timing.timeToFirstTokenMs,
    routing: response.routing,
  };
}
