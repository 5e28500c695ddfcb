/**
 * Content parts shared by requests and responses. Every vendor maps these to its own
 * block format; a part a vendor cannot take becomes a warning or an InvalidRequestError.
 */

/** Vendor-specific options keyed by provider name, e.g. `{ anthropic: { cacheControl: { type: 'ephemeral' } } }`. */
export type ProviderOptions = Record<string, Record<string, unknown>>;

export interface TextPart {
  type: 'text';
  text: string;
  providerOptions?: ProviderOptions;
}

/** An image given by URL or as base64 data with its media type. */
export type ImageSource =
  | { type: 'url'; url: string }
  | { type: 'base64'; data: string; mediaType: string };

export interface ImagePart {
  type: 'image';
  source: ImageSource;
  /** OpenAI's `detail` hint; other vendors ignore it. */
  detail?: 'auto' | 'low' | 'high';
  providerOptions?: ProviderOptions;
}

/** A document (PDF and the like) for vendors that accept files. */
export interface FilePart {
  type: 'file';
  source: ImageSource;
  /** Always required for files, e.g. `application/pdf`. */
  mediaType: string;
  filename?: string;
  providerOptions?: ProviderOptions;
}

/**
 * Model reasoning ("thinking"). `signature` (Anthropic) or `redactedData` must be sent back
 * unchanged for multi-turn conversations with thinking to be accepted by the vendor.
 */
export interface ReasoningPart {
  type: 'reasoning';
  text: string;
  signature?: string;
  redactedData?: string;
  providerOptions?: ProviderOptions;
}

export interface ToolCallPart {
  type: 'tool-call';
  id: string;
  name: string;
  arguments: unknown;
  /**
   * The arguments exactly as the vendor sent them (JSON text). Providers set it on responses;
   * converters send it back unchanged when the conversation continues, so a vendor sees its own
   * bytes again (and `JSON.stringify(arguments)` is only the fallback).
   */
  rawArguments?: string;
  providerOptions?: ProviderOptions;
}

export type UserContentPart = TextPart | ImagePart | FilePart;
export type AssistantContentPart = TextPart | ReasoningPart | ToolCallPart;
/** What a response's `content` holds, in the order the model produced it. */
export type ResponseContentPart = TextPart | ReasoningPart | ToolCallPart;
