import type { ResponseContentPart } from './content.js';
import type { RoutingDecision } from './routing.js';
import type { Cost, Usage } from './usage.js';

/** Why the model stopped, normalized. The vendor's own value is kept in `rawFinishReason`. */
export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'error' | 'other';

export interface ToolCall {
  id: string;
  name: string;
  /** Parsed JSON arguments. */
  arguments: unknown;
  /** The arguments exactly as the vendor sent them. */
  rawArguments: string;
}

/** A setting the vendor ignored or does not support, or something the caller should know. */
export interface Warning {
  type: 'unsupported-setting' | 'unsupported-tool' | 'unknown-price' | 'other';
  setting?: string;
  message: string;
}

export interface ChatResponse {
  id: string;
  provider: string;
  /** The model as the vendor reported it. */
  model: string;
  /** The catalog id (`provider/model`) the request resolved to. */
  modelId: string;
  text: string;
  /** The reasoning text, joined, when the model returned any. */
  reasoning?: string;
  content: ResponseContentPart[];
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  rawFinishReason?: string;
  usage: Usage;
  /** `undefined` when the model's price is unknown (a warning says so). */
  cost: Cost | undefined;
  latencyMs: number;
  warnings: Warning[];
  /** The vendor's raw response body, when the request set `includeRaw`. */
  raw?: unknown;
  /** Set by the response cache middleware on a hit. */
  cached?: boolean;
  /** On a cache hit: where the answer came from and what it saved. */
  cacheInfo?: CacheInfo;
  /** Set by the fallback middleware: which models were tried or skipped, and which answered. */
  fallback?: FallbackInfo;
  /** Set by a router when the request named a route: what it chose and why. */
  routing?: RoutingDecision;
}

/** One model a fallback chain sent the request to. */
export interface FallbackAttempt {
  /** `provider/model`. */
  model: string;
  outcome: 'ok' | 'error';
  /** The error's class (`RateLimitError`, …) when the attempt failed. */
  errorClass?: string;
  /** The error's Stratum code, and the vendor's (or `circuit_open`) when there is one. */
  errorCode?: string;
  vendorCode?: string;
  status?: number;
  latencyMs: number;
}

/** A model of the chain that was not tried, and why. */
export interface FallbackSkip {
  model: string;
  reason: 'context-window' | 'price' | 'capability';
  message: string;
}

export interface FallbackInfo {
  /** The `provider/model` that answered. */
  answeredBy: string;
  /** In order; the last one answered. */
  attempts: FallbackAttempt[];
  skipped: FallbackSkip[];
}

export interface CacheInfo {
  key: string;
  /** When the response was first stored (`Date.now()`). */
  storedAt: number;
  ageMs: number;
  /** The dollars the original call cost, saved by this hit; undefined when its price was unknown. */
  costSaved: number | undefined;
}
