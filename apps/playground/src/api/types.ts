/**
 * The JSON shapes of the gateway's API (see the gateway README). Money crosses the wire as
 * dollars for display and the exact integer of picodollars as a string.
 */
import type { ChatRequest, StreamEvent, ToolCall, Usage } from '@stratum/core';
import type { RoutingDecision } from '@stratum/router';

export type { ChatRequest, RoutingDecision, StreamEvent, ToolCall, Usage };

export interface Money {
  usd: number;
  picodollars: string;
}

export interface ModelEntry {
  id: string;
  provider: string;
  name: string;
  contextWindow: number;
  maxOutputTokens: number;
  inputUsdPerMillion: number;
  outputUsdPerMillion: number;
  cachedInputUsdPerMillion?: number;
  capabilities: { tools: boolean; vision: boolean; structuredOutput: boolean; reasoning: boolean };
  configured: boolean;
}

export interface RouteEntry {
  id: string;
  strategy: string;
  candidates: string[];
}

export interface ModelsResponse {
  models: ModelEntry[];
  routes: RouteEntry[];
}

export interface ProviderEntry {
  name: string;
  configured: boolean;
  mode: 'live' | 'demo';
}

export interface ConnectionTest {
  provider: string;
  ok: boolean;
  model: string;
  latencyMs: number;
  error?: { code: string; message: string };
}

/** The last message of a stream: what the call used, cost and took. */
export interface StreamResult {
  requestId: string;
  usage: Usage;
  cost: Money;
  model: string;
  provider: string;
  finishReason: string;
  latencyMs: number;
  timeToFirstTokenMs: number | null;
  routing?: RoutingDecision;
}

export interface ApiError {
  status: number;
  code: string;
  message: string;
}

/** A tracked call as the gateway sends it (the tracker's record, costs in picodollars). */
export interface CallRecordJson {
  id: string;
  time: number;
  operation: 'chat' | 'stream';
  requestedModel: string;
  model: string;
  provider: string;
  tags: Record<string, string>;
  inputTokens: number;
  outputTokens: number;
  cost: { total: number | string } | Money;
  latencyMs: number;
  timeToFirstTokenMs?: number | null;
  errorClass?: string | null;
}

export interface HealthEntry {
  provider: string;
  model?: string;
  successRate: number;
  p95LatencyMs: number;
  breaker: 'closed' | 'open' | 'half-open';
  healthy: boolean;
}

export interface BudgetEntry {
  name: string;
  scope: string;
  period: string;
  limit: Money;
  spent: Money;
  reserved: Money;
  percentUsed: number;
  alert: boolean;
}

export interface StatsResponse {
  summary: { calls: number; cost: Money; inputTokens?: number; outputTokens?: number };
  health: HealthEntry[];
  budgets: BudgetEntry[];
}

export interface SpendBucket {
  start: string;
  group: string;
  cost: Money;
  calls: number;
  inputTokens: number;
  outputTokens: number;
}

export type ClientMessage =
  | { type: 'start'; id: string; request: ChatRequest }
  | { type: 'cancel'; id: string }
  | { type: 'subscribe'; topics: string[] };

export type ServerMessage =
  | { type: 'event'; id: string; event: StreamEvent }
  | { type: 'done'; id: string; result: StreamResult }
  | { type: 'error'; id: string; error: ApiError }
  | { type: 'cancelled'; id: string }
  | { type: 'call'; record: CallRecordJson };
