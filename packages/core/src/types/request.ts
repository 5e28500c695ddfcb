import type { ProviderOptions } from './content.js';
import type { Message } from './message.js';

/** A JSON Schema object. Kept structural so any schema library's output fits. */
export type JSONSchema = { [key: string]: unknown };

export interface ToolDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the arguments object. */
  parameters: JSONSchema;
  /** Ask the vendor to enforce the schema exactly, where it can. */
  strict?: boolean;
}

export type ToolChoice = 'auto' | 'none' | 'required' | { type: 'tool'; name: string };

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json' }
  | {
      type: 'json-schema';
      schema: JSONSchema;
      name?: string;
      description?: string;
      strict?: boolean;
    };

export type ReasoningEffort = 'minimal' | 'low' | 'medium' | 'high';

export interface ReasoningOptions {
  /** Effort level for vendors that take one (OpenAI, xAI, Groq); mapped to a budget elsewhere. */
  effort?: ReasoningEffort;
  /** Token budget for vendors that take one (Anthropic thinking, Gemini thinkingBudget). */
  budgetTokens?: number;
  /** Set `false` to turn reasoning off where the model allows it. */
  enabled?: boolean;
}

export interface ChatRequest {
  /** `provider/model` (`anthropic/claude-sonnet-4-5`), a bare catalog id (`gpt-4.1-mini`) or an alias. */
  model: string;
  messages: Message[];
  temperature?: number;
  topP?: number;
  maxOutputTokens?: number;
  stop?: string[];
  seed?: number;
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  /** Whether the model may call several tools in one turn (vendors that expose the switch). */
  parallelToolCalls?: boolean;
  responseFormat?: ResponseFormat;
  reasoning?: ReasoningOptions;
  /** Free-form data for middleware (logging, tracking); never sent to the vendor. */
  metadata?: Record<string, unknown>;
  tags?: string[];
  /** Vendor-specific pass-through, keyed by provider name. */
  providerOptions?: ProviderOptions;
  signal?: AbortSignal;
  /** Abort the call after this many milliseconds with a TimeoutError. */
  timeoutMs?: number;
  /** Keep the vendor's raw response body on `ChatResponse.raw`. */
  includeRaw?: boolean;
}
