/**
 * Token estimation, in its own package so that installing `@stratum/core` stays light: the
 * BPE tables of `gpt-tokenizer` weigh about 30 MB on disk. Add it when you want counts before a
 * call; the tables load on first use only.
 *
 * Counts are exact for OpenAI models (their own encodings: `o200k_base` for GPT-4o, GPT-4.1,
 * GPT-5 and the o-series; `cl100k_base` for GPT-3.5 and GPT-4). Other vendors' tokenizers are
 * not public or differ, so their models are counted with `o200k_base`: an estimate, good for
 * budgets and context checks, not for billing. Bills come from the vendor's reported usage.
 */
import {
  type ChatRequest,
  ConfigurationError,
  type Cost,
  calculateCost,
  createUsage,
  type Message,
  resolveModel,
} from '@stratum/core';

export type TokenEncoding = 'o200k_base' | 'cl100k_base';

export interface EstimateOptions {
  /** The model the text is for (`gpt-4`, `openai/gpt-4o`, `claude-sonnet-4-5`); picks the encoding. */
  model?: string;
}

interface Encoder {
  countTokens(text: string, options: { disallowedSpecial: Set<string> }): number;
}

function importEncoder(encoding: TokenEncoding): Promise<Encoder> {
  return encoding === 'cl100k_base'
    ? import('gpt-tokenizer/encoding/cl100k_base')
    : import('gpt-tokenizer/encoding/o200k_base');
}

/** OpenAI models from before GPT-4o use cl100k_base (tiktoken's model table). */
const CL100K_MODELS = /^(gpt-3\.5|gpt-35|gpt-4(-|$)|text-embedding-(ada-002|3-))/;

/** The encoding used to count tokens for a model: cl100k_base for older OpenAI models, else o200k_base. */
export function encodingForModel(model: string | undefined): TokenEncoding {
  if (model === undefined) return 'o200k_base';
  const lastSegment = model.slice(model.lastIndexOf('/') + 1);
  const name = lastSegment.startsWith('ft:') ? lastSegment.slice(3) : lastSegment;
  return CL100K_MODELS.test(name) ? 'cl100k_base' : 'o200k_base';
}

/** Special-token markers in user text (`<|endoftext|>`) are counted as the plain text they are. */
const AS_PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/** Tokens in a piece of text for the given model (see the module comment on accuracy). */
export async function estimateTokens(text: string, options: EstimateOptions = {}): Promise<number> {
  const count = await loadTokenCounter(options);
  return count(text);
}

/** Counts the tokens of a text synchronously, with one encoding's tables already loaded. */
export type TokenCounter = (text: string) => number;

// One per encoding, made when its tables are first imported.
const counters = new Map<TokenEncoding, Promise<TokenCounter>>();

/**
 * A synchronous `estimateTokens` for one model's encoding, for callers that count on every
 * request (a rate limiter): it loads the tables once, and each count after that is plain work,
 * with no promise to create and await. The same counter serves every model of its encoding.
 */
export function loadTokenCounter(options: EstimateOptions = {}): Promise<TokenCounter> {
  const encoding = encodingForModel(options.model);
  let counter = counters.get(encoding);
  if (!counter) {
    counter = importEncoder(encoding).then(
      (encoder): TokenCounter =>
        (text) =>
          encoder.countTokens(text, AS_PLAIN_TEXT),
    );
    counters.set(encoding, counter);
  }
  return counter;
}

/**
 * Per-message framing, as OpenAI documents it for current chat models
 * (https://cookbook.openai.com/examples/how_to_count_tokens_with_tiktoken): every message costs
 * 3 tokens plus its role and content, and every reply is primed with 3 more
 * (`<|start|>assistant<|message|>`).
 */
export const TOKENS_PER_MESSAGE = 3;
export const TOKENS_PER_REPLY = 3;
/**
 * Images, by OpenAI's rule for GPT-4o-class models (https://platform.openai.com/docs/guides/images-vision):
 * 85 tokens at `detail: 'low'`; otherwise 85 + 170 per 512-pixel tile, counted here as a
 * 1024×1024 image (4 tiles = 765), since the image's size is not known without decoding it.
 */
export const IMAGE_TOKENS_LOW_DETAIL = 85;
export const IMAGE_TOKENS_DEFAULT = 765;

function messageText(message: Message): { text: string; extraTokens: number } {
  if (typeof message.content === 'string') return { text: message.content, extraTokens: 0 };
  let text = '';
  let extraTokens = 0;
  for (const part of message.content) {
    switch (part.type) {
      case 'text':
      case 'reasoning':
        text += part.text;
        break;
      case 'tool-call':
        text += part.name + JSON.stringify(part.arguments ?? {});
        break;
      case 'image':
        extraTokens += part.detail === 'low' ? IMAGE_TOKENS_LOW_DETAIL : IMAGE_TOKENS_DEFAULT;
        break;
      // Files (PDFs) are priced by their pages' text and images, unknown here: not counted.
    }
  }
  return { text, extraTokens };
}

/**
 * Prompt tokens of a conversation, with OpenAI's per-message framing. Exact for OpenAI text
 * messages; tool calls, images and other vendors' models are estimates, and files are not counted.
 */
export async function estimateMessageTokens(
  messages: readonly Message[],
  options: EstimateOptions = {},
): Promise<number> {
  return countMessageTokens(messages, await loadTokenCounter(options));
}

/** `estimateMessageTokens` with a counter from `loadTokenCounter`: the same count, synchronously. */
export function countMessageTokens(messages: readonly Message[], counter: TokenCounter): number {
  let tokens = TOKENS_PER_REPLY;
  for (const message of messages) {
    const { text, extraTokens } = messageText(message);
    tokens += TOKENS_PER_MESSAGE + counter(message.role) + counter(text) + extraTokens;
  }
  return tokens;
}

export interface EstimateCostOptions {
  /** How many tokens you expect the model to write (reasoning included). */
  expectedOutputTokens: number;
}

/**
 * The expected cost of a request before sending it: its estimated prompt tokens (messages, plus
 * tool definitions counted as their JSON) and `expectedOutputTokens`, priced with the catalog
 * like a real call (tiers included, no cache hits assumed). `undefined` when the model's price
 * is unknown; an unknown model raises `ModelNotFoundError`.
 */
export async function estimateCost(
  request: Pick<ChatRequest, 'model' | 'messages' | 'tools'>,
  options: EstimateCostOptions,
): Promise<Cost | undefined> {
  const expected = options?.expectedOutputTokens;
  if (!Number.isSafeInteger(expected) || expected < 0) {
    throw new ConfigurationError(
      `estimateCost needs expectedOutputTokens as a non-negative whole number, got ${String(expected)}. Example: estimateCost(request, { expectedOutputTokens: 500 }).`,
    );
  }
  const model = resolveModel(request.model);
  if (!model.info?.pricing) return undefined;
  let inputTokens = await estimateMessageTokens(request.messages, { model: model.name });
  if (request.tools?.length) {
    inputTokens += await estimateTokens(JSON.stringify(request.tools), { model: model.name });
  }
  return calculateCost(model.info, createUsage({ inputTokens, outputTokens: expected }));
}
