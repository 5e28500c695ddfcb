import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions/completions';

/**
 * What the provider reads from Chat Completions responses. Every field is optional and extra
 * fields are kept, because OpenAI-compatible vendors leave fields out (`id`, `usage`) and add
 * their own (`reasoning_content`, `usage.cost`, `prompt_cache_hit_tokens`).
 * https://platform.openai.com/docs/api-reference/chat/object
 */
export interface OpenAICompatibleUsage {
  prompt_tokens?: number | null;
  completion_tokens?: number | null;
  total_tokens?: number | null;
  prompt_tokens_details?: {
    cached_tokens?: number | null;
    cache_write_tokens?: number | null;
    [field: string]: unknown;
  } | null;
  completion_tokens_details?: {
    reasoning_tokens?: number | null;
    [field: string]: unknown;
  } | null;
  [field: string]: unknown;
}

export interface OpenAICompatibleToolCall {
  /** Present in stream deltas: the call's position among the response's calls. */
  index?: number;
  id?: string | null;
  type?: string | null;
  function?: { name?: string | null; arguments?: string | null } | null;
  [field: string]: unknown;
}

/** A response's `choices[].message` or a stream's `choices[].delta`. */
export interface OpenAICompatibleMessage {
  role?: string | null;
  /** A string from OpenAI; some vendors (Mistral) send an array of typed parts. */
  content?: string | unknown[] | null;
  refusal?: string | null;
  tool_calls?: OpenAICompatibleToolCall[] | null;
  [field: string]: unknown;
}

export interface OpenAICompatibleChoice {
  index?: number;
  message?: OpenAICompatibleMessage | null;
  delta?: OpenAICompatibleMessage | null;
  finish_reason?: string | null;
  [field: string]: unknown;
}

/** A `chat.completion` body or one `chat.completion.chunk`. */
export interface OpenAICompatibleCompletion {
  id?: string | null;
  model?: string | null;
  choices?: OpenAICompatibleChoice[] | null;
  usage?: OpenAICompatibleUsage | null;
  [field: string]: unknown;
}

export type OpenAICompatibleChunk = OpenAICompatibleCompletion;

/** The request body: OpenAI's parameters plus any field a vendor takes. */
export type OpenAIChatRequestBody = ChatCompletionCreateParamsBase & Record<string, unknown>;
