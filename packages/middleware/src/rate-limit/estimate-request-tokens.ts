import type { ChatRequest, Message, ResolvedModel } from '@stratum/core';

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
  const loaded = await loadTokenizer();
  if (!loaded) return estimateRequestTokensFromCharacters(request);
  const options = { model: model.name };
  let tokens = await loaded.estimateMessageTokens(request.messages, options);
  if (request.tools?.length)
    tokens += await loaded.estimateTokens(JSON.stringify(request.tools), options);
  return tokens + (request.maxOutputTokens ?? 0);
}

/** English text averages about four characters per token in the GPT and Claude tokenizers. */
const CHARACTERS_PER_TOKEN = 4;

/**
 * The tokens of `text` (output that arrived, a tool's arguments): counted with
 * `@stratum/tokenizer` when it is installed, characters / 4 otherwise.
 */
export async function estimateTextTokens(text: string, model: ResolvedModel): Promise<number> {
  const loaded = await loadTokenizer();
  if (!loaded) return Math.ceil(text.length / CHARACTERS_PER_TOKEN);
  return loaded.estimateTokens(text, { model: model.name });
}

/** `@stratum/tokenizer` if it is installed, imported once, on the first call that needs it. */
function loadTokenizer(): Promise<Tokenizer | undefined> {
  tokenizer ??= import('@stratum/tokenizer').catch(() => undefined);
  return tokenizer;
}
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
