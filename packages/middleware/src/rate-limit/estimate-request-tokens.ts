import type { ChatRequest, Message, ResolvedModel } from '@stratum/core';
import { isPromiseLike } from '../shared/is-promise-like.js';

/** Guesses the tokens a call will use, before it is made, so the TPM limit can apply up front. */
export type TokenEstimator = (
  request: ChatRequest,
  model: ResolvedModel,
) => number | Promise<number>;

type Tokenizer = typeof import('@stratum/tokenizer');
type TokenCounter = import('@stratum/tokenizer').TokenCounter;
let tokenizerImport: Promise<Tokenizer | undefined> | undefined;

/**
 * The default estimate. With `@stratum/tokenizer` installed (an optional peer dependency): the
 * prompt counted with it (exact for OpenAI models, close for others), tool schemas as their
 * JSON, plus `maxOutputTokens`, which vendors such as OpenAI count against the TPM limit when
 * they admit a call; its tables load on the first call that needs them, and every count after
 * that is synchronous. Without it (or if it cannot load):
 * `estimateRequestTokensFromCharacters`, characters / 4, which costs nothing to install.
 * The middleware corrects the bucket with the real usage afterwards.
 */
export function estimateRequestTokens(
  request: ChatRequest,
  model: ResolvedModel,
): number | Promise<number> {
  const counter = tokenCounterFor(model.name);
  if (isPromiseLike(counter)) return counter.then((loaded) => countRequest(request, loaded));
  return countRequest(request, counter);
}

function countRequest(request: ChatRequest, loaded: LoadedCounter | undefined): number {
  if (!loaded) return estimateRequestTokensFromCharacters(request);
  const { tokenizer, count } = loaded;
  const { messages } = request;
  let tokens = tokenizer.TOKENS_PER_REPLY;
  for (let index = 0; index < messages.length; index += 1) {
    const message = messages[index];
    if (message === undefined) continue;
    const { content } = message;
    if (typeof content !== 'string' || content.length > MEMO_LONGEST_TEXT) {
      tokens += tokenizer.countMessageTokens([message], count) - tokenizer.TOKENS_PER_REPLY;
      continue;
    }
    // The last message is the new turn: most are seen once, so it is counted and not kept.
    // Resent as an earlier turn with the next call, it is kept then.
    const text = index === messages.length - 1 ? count(content) : remembered(count, content);
    tokens += tokenizer.TOKENS_PER_MESSAGE + remembered(count, message.role) + text;
  }
  if (request.tools?.length) tokens += remembered(count, JSON.stringify(request.tools));
  return tokens + (request.maxOutputTokens ?? 0);
}

/**
 * Conversations resend their system prompt and every earlier turn with each call, so most of a
 * request's text was counted before: the count of a text (and of a role) is kept per encoding,
 * up to `MEMO_CHARACTERS` characters in all, and only new text meets the tokenizer. A text
 * message costs what `estimateMessageTokens` says it does: its framing, its role and its text.
 */
const MEMO_CHARACTERS = 4_000_000;
const MEMO_LONGEST_TEXT = 100_000;
// Plain maps, emptied when full: an LRU's bookkeeping on every insert would cost more than the
// counts it saves. One map per encoding (its counter), keyed by the text itself: a request's
// strings keep their hash, a joined key would be hashed anew.
const countedByCounter = new Map<TokenCounter, Map<string, number>>();
let countedCharacters = 0;

function remembered(count: TokenCounter, text: string): number {
  let counted = countedByCounter.get(count);
  const known = counted?.get(text);
  if (known !== undefined) return known;
  const tokens = count(text);
  if (text.length <= MEMO_LONGEST_TEXT) {
    if (countedCharacters + text.length > MEMO_CHARACTERS) {
      countedByCounter.clear();
      countedCharacters = 0;
      counted = undefined;
    }
    if (!counted) {
      counted = new Map();
      countedByCounter.set(count, counted);
    }
    counted.set(text, tokens);
    countedCharacters += text.length;
  }
  return tokens;
}

/** English text averages about four characters per token in the GPT and Claude tokenizers. */
const CHARACTERS_PER_TOKEN = 4;

/**
 * The tokens of `text` (output that arrived, a tool's arguments): counted with
 * `@stratum/tokenizer` when it is installed, characters / 4 otherwise.
 */
export async function estimateTextTokens(text: string, model: ResolvedModel): Promise<number> {
  const counter = tokenCounterFor(model.name);
  const loaded = isPromiseLike(counter) ? await counter : counter;
  if (!loaded) return Math.ceil(text.length / CHARACTERS_PER_TOKEN);
  return loaded.count(text);
}

interface LoadedCounter {
  tokenizer: Tokenizer;
  count: TokenCounter;
}

// Once loaded, the counter of an encoding is read directly, without waiting on a promise.
const readyCounters = new Map<string, LoadedCounter>();

/** The synchronous counter for a model's encoding, loading the tokenizer and its tables once. */
function tokenCounterFor(
  model: string,
): LoadedCounter | undefined | Promise<LoadedCounter | undefined> {
  const loading = loadTokenizer();
  if (isPromiseLike(loading)) return loading.then((loaded) => loaded && counterOf(loaded, model));
  return loading && counterOf(loading, model);
}

function counterOf(loaded: Tokenizer, model: string): LoadedCounter | Promise<LoadedCounter> {
  const encoding = loaded.encodingForModel(model);
  const ready = readyCounters.get(encoding);
  if (ready) return ready;
  return loaded.loadTokenCounter({ model }).then((count) => {
    const counter = { tokenizer: loaded, count };
    readyCounters.set(encoding, counter);
    return counter;
  });
}

/** `@stratum/tokenizer` if it is installed, imported once, on the first call that needs it. */
function loadTokenizer(): Tokenizer | undefined | Promise<Tokenizer | undefined> {
  if (tokenizerLoaded) return loadedTokenizer;
  tokenizerImport ??= import('@stratum/tokenizer').then(
    (module) => {
      tokenizerLoaded = true;
      loadedTokenizer = module;
      return module;
    },
    () => {
      tokenizerLoaded = true;
      return undefined;
    },
  );
  return tokenizerImport;
}
// Once the import has settled its outcome is read directly, without waiting on the promise.
let tokenizerLoaded = false;
let loadedTokenizer: Tokenizer | undefined;
/** Vendors bill a few tokens of framing per message (role markers). */
const TOKENS_PER_MESSAGE = 4;
/** A flat guess for an image; vendors bill 85 to ~1,600 tokens depending on size and detail. */
const TOKENS_PER_IMAGE = 765;

/**
 * A quick estimate without a tokenizer: characters / 4 for text and tool schemas, a flat amount
 * per image, plus `maxOutputTokens`.
 */
export function estimateRequestTokensFromCharacters(request: ChatRequest): number {
  let characters = 0;
  let tokens = 0;
  for (const message of request.messages) {
    tokens += TOKENS_PER_MESSAGE;
    characters += messageCharacters(message, () => {
      tokens += TOKENS_PER_IMAGE;
    });
  }
  for (const tool of request.tools ?? []) {
    characters += tool.name.length + (tool.description?.length ?? 0);
    characters += JSON.stringify(tool.parameters).length;
  }
  return tokens + Math.ceil(characters / CHARACTERS_PER_TOKEN) + (request.maxOutputTokens ?? 0);
}

function messageCharacters(message: Message, onImage: () => void): number {
  if (typeof message.content === 'string') return message.content.length;
  let characters = 0;
  for (const part of message.content) {
    switch (part.type) {
      case 'text':
      case 'reasoning':
        characters += part.text.length;
        break;
      case 'tool-call':
        characters += part.name.length + JSON.stringify(part.arguments ?? null).length;
        break;
      case 'image':
      case 'file':
        onImage();
        break;
    }
  }
  return characters;
}
