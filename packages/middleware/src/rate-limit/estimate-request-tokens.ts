import type { ChatRequest, Message, ResolvedModel } from '@stratum/core';
import { isPromiseLike } from '../shared/is-promise-like.js';

/** Guesses the tokens a call will use, before it is made, so the TPM limit can apply up front. */
export type TokenEstimator = (
  request: ChatRequest,
  model: ResolvedModel,
) => number | Promise<number>;

type Tokenizer = typeof import('@stratum/tokenizer');
let tokenizer: Promise<Tokenizer | undefined> | undefined;

/**
 * The default estimate. With `@stratum/tokenizer` installed (an optional peer dependency): the
 * prompt counted with it (exact for OpenAI models, close for others), tool schemas as their
 * JSON, plus `maxOutputTokens`, which vendors such as OpenAI count against the TPM limit when
 * they admit a call; its tables load on the first call that needs them. Without it (or if it
 * cannot load): `estimateRequestTokensFromCharacters`, characters / 4, which costs nothing to
 * install.
 * The middleware corrects the bucket with the real usage afterwards.
 */
export async function estimateRequestTokens(
  request: ChatRequest,
  model: ResolvedModel,
): Promise<number> {
  const loading = loadTokenizer();
  const loaded = isPromiseLike(loading) ? await loading : loading;
  if (!loaded) return estimateRequestTokensFromCharacters(request);
  const options = { model: model.name };
  let tokens = loaded.TOKENS_PER_REPLY;
  for (const message of request.messages) {
    const counted = messageTokens(loaded, message, options);
    tokens += typeof counted === 'number' ? counted : await counted;
  }
  if (request.tools?.length) {
    const schemas = JSON.stringify(request.tools);
    const counted = remembered(model.name, schemas, () => loaded.estimateTokens(schemas, options));
    tokens += typeof counted === 'number' ? counted : await counted;
  }
  return tokens + (request.maxOutputTokens ?? 0);
}

/**
 * Conversations resend their system prompt and every earlier turn with each call, so most of a
 * request's text was counted before: the count of a text (and of a role) is kept per model, up
 * to `MEMO_CHARACTERS` characters in all, and only new text meets the tokenizer. A text message
 * costs what `estimateMessageTokens` says it does: its framing, its role and its text.
 */
function messageTokens(
  loaded: Tokenizer,
  message: Message,
  options: { model: string },
): number | Promise<number> {
  const { content } = message;
  if (typeof content !== 'string' || content.length > MEMO_LONGEST_TEXT) {
    return loaded
      .estimateMessageTokens([message], options)
      .then((tokens) => tokens - loaded.TOKENS_PER_REPLY);
  }
  const role = remembered(options.model, message.role, () =>
    loaded.estimateTokens(message.role, options),
  );
  const text = remembered(options.model, content, () => loaded.estimateTokens(content, options));
  if (typeof role === 'number' && typeof text === 'number') {
    return loaded.TOKENS_PER_MESSAGE + role + text;
  }
  return Promise.all([role, text]).then(
    ([roleTokens, textTokens]) => loaded.TOKENS_PER_MESSAGE + roleTokens + textTokens,
  );
}

const MEMO_CHARACTERS = 4_000_000;
const MEMO_LONGEST_TEXT = 100_000;
// Plain maps, emptied when full: most texts are seen once (a new user turn) and an LRU's
// bookkeeping on every insert would cost more than the counts it saves. One map per model, keyed
// by the text itself: a request's strings keep their hash, a joined key would be hashed anew.
const countedByModel = new Map<string, Map<string, number>>();
let countedCharacters = 0;

function remembered(
  model: string,
  text: string,
  count: () => Promise<number>,
): number | Promise<number> {
  const known = countedByModel.get(model)?.get(text);
  if (known !== undefined) return known;
  return count().then((tokens) => {
    if (text.length <= MEMO_LONGEST_TEXT) {
      if (countedCharacters + text.length > MEMO_CHARACTERS) {
        countedByModel.clear();
        countedCharacters = 0;
      }
      let counted = countedByModel.get(model);
      if (!counted) {
        counted = new Map();
        countedByModel.set(model, counted);
      }
      counted.set(text, tokens);
      countedCharacters += text.length;
    }
    return tokens;
  });
}

/** English text averages about four characters per token in the GPT and Claude tokenizers. */
const CHARACTERS_PER_TOKEN = 4;

/**
 * The tokens of `text` (output that arrived, a tool's arguments): counted with
 * `@stratum/tokenizer` when it is installed, characters / 4 otherwise.
 */
export async function estimateTextTokens(text: string, model: ResolvedModel): Promise<number> {
  const loading = loadTokenizer();
  const loaded = isPromiseLike(loading) ? await loading : loading;
  if (!loaded) return Math.ceil(text.length / CHARACTERS_PER_TOKEN);
  return loaded.estimateTokens(text, { model: model.name });
}

/** `@stratum/tokenizer` if it is installed, imported once, on the first call that needs it. */
function loadTokenizer(): Tokenizer | undefined | Promise<Tokenizer | undefined> {
  if (tokenizerLoaded) return loadedTokenizer;
  tokenizer ??= import('@stratum/tokenizer').then(
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
  return tokenizer;
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
