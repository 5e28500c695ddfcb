import type { ProviderOptions, ResponseContentPart } from './content.js';
import type { ModelInfo } from './model-info.js';
import type { ChatRequest } from './request.js';
import type { FinishReason, ToolCall, Warning } from './response.js';
import type { ToolCallDeltaEvent } from './stream.js';
import type { Usage } from './usage.js';

/**
 * What a provider package receives: the caller's request with the model resolved.
 * `model` is the vendor's own id (no `provider/` prefix); `signal` combines the caller's
 * signal and any timeout, and providers must pass it to the HTTP layer.
 */
export interface ProviderRequest extends Omit<ChatRequest, 'model'> {
  model: string;
  modelInfo: ModelInfo | undefined;
}

/** A cost the vendor itself reported (OpenRouter), in US dollars. */
export interface ProviderReportedCost {
  total: number;
}

export interface ProviderChatResult {
  id: string;
  model: string;
  content: ResponseContentPart[];
  finishReason: FinishReason;
  rawFinishReason?: string;
  usage: Usage;
  warnings: Warning[];
  raw?: unknown;
  providerCost?: ProviderReportedCost;
  /** The region that served the call, when the vendor prices regions apart (see `ModelInfo.regionalPricing`). */
  pricingRegion?: string;
}

/**
 * Events a provider's stream yields. Core assembles them into the public stream and the final
 * response; the provider emits complete `tool-call` events itself (see `ToolCallAssembler`).
 */
export type ProviderStreamEvent =
  | {
      type: 'response-metadata';
      id?: string;
      model?: string;
      /** The region that served the call, when the vendor prices regions apart (see `ModelInfo.regionalPricing`). */
      pricingRegion?: string;
    }
  | {
      type: 'text-delta';
      text: string;
      /**
       * Kept on the response's current text part, merged per vendor key: e.g. Cohere's streamed
       * citations. A delta may carry only options (empty text).
       */
      providerOptions?: ProviderOptions;
    }
  | {
      type: 'reasoning-delta';
      text: string;
      signature?: string;
      redactedData?: string;
      /** Starts a new reasoning block (Anthropic sends several, each with its own signature). */
      newBlock?: boolean;
      /**
       * Kept on the response's reasoning part, merged per vendor key: e.g. the Responses API's
       * reasoning item id and `encrypted_content`, needed to send the reasoning back.
       */
      providerOptions?: ProviderOptions;
    }
  | ToolCallDeltaEvent
  | {
      type: 'tool-call';
      toolCall: ToolCall;
      /** Kept on the response's tool-call part, e.g. Gemini's thought signature. */
      providerOptions?: ProviderOptions;
    }
  | { type: 'warnings'; warnings: Warning[] }
  | {
      type: 'finish';
      finishReason: FinishReason;
      rawFinishReason?: string;
      usage: Usage;
      providerCost?: ProviderReportedCost;
      raw?: unknown;
    };

export interface Provider {
  /** The provider's name as used in model ids: `openai`, `anthropic`, ... */
  readonly name: string;
  chat(request: ProviderRequest): Promise<ProviderChatResult>;
  stream(request: ProviderRequest): AsyncIterable<ProviderStreamEvent>;
  /**
   * Looks up a model this provider serves that the catalog lacks (Ollama's local models,
   * Azure deployments priced as their base model). Returning `undefined` leaves the price unknown.
   */
  resolveModelInfo?(model: string): ModelInfo | undefined;
}
