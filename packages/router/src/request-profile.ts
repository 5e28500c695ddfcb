import type { ChatRequest } from '@stratum/core';

/**
 * What a request needs from a model and how big it is, read from the request itself.
 * Token counts use a documented approximation unless the router is given a tokenizer:
 * ⌈characters ÷ 4⌉ per text (OpenAI's rule of thumb for English), 3 tokens of framing per
 * message, 765 per image (a 1024×1024 image at OpenAI's default detail) and the tools' JSON.
 */
export interface RequestProfile {
  needsTools: boolean;
  needsVision: boolean;
  needsStructuredOutput: boolean;
  needsJsonOutput: boolean;
  needsReasoning: boolean;
  needsPdf: boolean;
  estimatedPromptTokens: number;
  /** Output tokens the call may produce: `maxOutputTokens`, else the model's own limit. */
  requestedOutputTokens: number | undefined;
  /** The last user message's text, which the complexity scorer reads. */
  lastUserText: string;
}

export const CHARACTERS_PER_TOKEN = 4;
export const TOKENS_PER_MESSAGE = 3;
export const TOKENS_PER_IMAGE = 765;

export type PromptTokenEstimator = (request: ChatRequest) => number;

export function profileRequest(
  request: ChatRequest,
  estimateTokens: PromptTokenEstimator | undefined,
): RequestProfile {
  let characters = 0;
  let images = 0;
  let pdf = false;
  let lastUserText = '';
  for (const message of request.messages) {
    if (typeof message.content === 'string') {
      characters += message.content.length;
      if (message.role === 'user') lastUserText = message.content;
      continue;
    }
    let userText = '';
    for (const part of message.content) {
      if (part.type === 'text') {
        characters += part.text.length;
        if (message.role === 'user') userText += part.text;
      } else if (part.type === 'image') images += 1;
      else if (part.type === 'file') {
        if (part.mediaType === 'application/pdf') pdf = true;
      } else if (part.type === 'reasoning') characters += part.text.length;
      else if (part.type === 'tool-call') characters += JSON.stringify(part.arguments ?? '').length;
    }
    if (message.role === 'user') lastUserText = userText;
  }
  for (const tool of request.tools ?? []) {
    characters += tool.name.length + (tool.description?.length ?? 0);
    characters += JSON.stringify(tool.parameters).length;
  }
  const format = request.responseFormat;
  const reasoning = request.reasoning;
  return {
    needsTools: (request.tools?.length ?? 0) > 0 && request.toolChoice !== 'none',
    needsVision: images > 0,
    needsStructuredOutput: format?.type === 'json-schema',
    needsJsonOutput: format?.type === 'json',
    needsReasoning:
      reasoning !== undefined &&
      reasoning.enabled !== false &&
      (reasoning.effort !== undefined ||
        reasoning.budgetTokens !== undefined ||
        reasoning.enabled === true),
    needsPdf: pdf,
    estimatedPromptTokens:
      estimateTokens?.(request) ??
      Math.ceil(characters / CHARACTERS_PER_TOKEN) +
        TOKENS_PER_MESSAGE * request.messages.length +
        TOKENS_PER_IMAGE * images,
    requestedOutputTokens: request.maxOutputTokens,
    lastUserText,
  };
}
