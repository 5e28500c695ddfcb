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
  /** Set by a router when the request named a route: what it chose and why. */
  routing?: RoutingDecision;
}
