import type { Content, Part } from '@google/genai';
import {
  type AssistantMessage,
  contentToParts,
  contentToText,
  findToolName,
  type ImageSource,
  InvalidRequestError,
  type Message,
  type ToolMessage,
  type UserMessage,
  type Warning,
} from '@stratum/core';
import { unsupportedSetting } from '@stratum/core/provider-kit';
import type { ThoughtSignatureStore } from './thought-signature-store.js';

/**
 * Stratum messages → Gemini `contents` and `systemInstruction`, following
 * https://ai.google.dev/api/generate-content#request-body and
 * https://ai.google.dev/gemini-api/docs/function-calling.
 *
 * - System messages join `systemInstruction` (Gemini has no system role in `contents`).
 * - Assistant turns are `model` contents: text, thought parts (`thought: true`) and
 *   `functionCall` parts, each with the `thoughtSignature` Gemini gave it.
 * - Consecutive tool messages form one `user` content of `functionResponse` parts, named
 *   after the earlier call.
 */
export interface GeminiPrompt {
  contents: Content[];
  systemInstruction: Content | undefined;
  warnings: Warning[];
}

export interface ConvertContentsOptions {
  model: string;
  signatures: ThoughtSignatureStore;
}

/**
 * Gemini's documented stand-in for a function call signature the client no longer has
 * (history from another model, or a stream whose signature was lost). Gemini 3 rejects a
 * turn whose first function call has no signature at all.
 */
export const SKIP_THOUGHT_SIGNATURE = 'skip_thought_signature_validator';

export function convertToGeminiContents(
  messages: readonly Message[],
  options: ConvertContentsOptions,
): GeminiPrompt {
  const systemParts: Part[] = [];
  const contents: Content[] = [];
  const warnings: Warning[] = [];
  let pendingResults: Part[] | undefined;

  for (const message of messages) {
    if (message.role !== 'tool') pendingResults = undefined;
    switch (message.role) {
      case 'system':
        if (contents.length > 0 && systemParts.length === 0) {
          warnings.push({
            type: 'other',
            message:
              'Gemini has no system messages inside a conversation: the system message after the first turn was moved to systemInstruction.',
          });
        }
        for (const part of contentToParts(message.content)) systemParts.push({ text: part.text });
        break;
      case 'user':
        contents.push({ role: 'user', parts: convertUserParts(message, warnings) });
        break;
      case 'assistant': {
        const parts = convertAssistantParts(message, options, warnings);
        if (parts.length > 0) contents.push({ role: 'model', parts });
        break;
      }
      case 'tool': {
        const part = convertToolResult(message, messages);
        if (pendingResults) pendingResults.push(part);
        else {
          pendingResults = [part];
          contents.push({ role: 'user', parts: pendingResults });
        }
        break;
      }
    }
  }

  if (contents.length === 0) {
    throw new InvalidRequestError(
      'Gemini needs at least one user message besides the system prompt. Add a { role: "user" } message.',
    );
  }
  return {
    contents,
    systemInstruction: systemParts.length > 0 ? { parts: systemParts } : undefined,
    warnings,
  };
}

function convertUserParts(message: UserMessage, warnings: Warning[]): Part[] {
  const parts: Part[] = [];
  for (const part of contentToParts(message.content)) {
    switch (part.type) {
      case 'text':
        parts.push({ text: part.text });
        break;
      case 'image':
        if (part.detail !== undefined) {
          warnings.push(
            unsupportedSetting(
              'detail',
              `Gemini does not take an image detail hint; "${part.detail}" was ignored.`,
            ),
          );
        }
        parts.push(convertMedia(part.source, undefined, warnings));
        break;
      case 'file':
        parts.push(convertMedia(part.source, part.mediaType, warnings));
        break;
    }
  }
  if (parts.length === 0) {
    throw new InvalidRequestError(
      'A user message has no content. Gemini rejects empty turns: give it text, an image or a file.',
    );
  }
  return parts;
}

const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

const IMAGE_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  heic: 'image/heic',
  heif: 'image/heif',
  pdf: 'application/pdf',
};

/**
 * Base64 and `data:` URLs go inline (`inlineData`); other URLs as `fileData`, which Gemini
 * fetches itself: Files API URIs, YouTube links and, since January 2026, public or signed
 * HTTPS URLs (https://ai.google.dev/gemini-api/docs/file-input-methods).
 */
function convertMedia(
  source: ImageSource,
  mediaType: string | undefined,
  warnings: Warning[],
): Part {
  if (source.type === 'base64') {
    return { inlineData: { mimeType: mediaType ?? source.mediaType, data: source.data } };
  }
  const dataUrl = DATA_URL.exec(source.url);
  if (dataUrl) return { inlineData: { mimeType: mediaType ?? dataUrl[1], data: dataUrl[2] } };
  const extension = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(source.url)?.[1]?.toLowerCase();
  const mimeType = mediaType ?? (extension ? IMAGE_TYPES[extension] : undefined);
  if (!mimeType) {
    warnings.push({
      type: 'other',
      message: `Gemini needs the MIME type of ${source.url} and it could not be told from the URL; it was sent without one and Gemini may reject it. Send the file as base64 with its media type instead.`,
    });
    return { fileData: { fileUri: source.url } };
  }
  return { fileData: { fileUri: source.url, mimeType } };
}

function signatureOf(providerOptions: Record<string, Record<string, unknown>> | undefined) {
  const signature = providerOptions?.['google']?.['thoughtSignature'];
  return typeof signature === 'string' ? signature : undefined;
}

function convertAssistantParts(
  message: AssistantMessage,
  options: ConvertContentsOptions,
  warnings: Warning[],
): Part[] {
  const parts: Part[] = [];
  let firstCall = true;
  for (const part of contentToParts(message.content)) {
    switch (part.type) {
      case 'text':
        if (part.text === '') break;
        parts.push(withSignature({ text: part.text }, signatureOf(part.providerOptions)));
        break;
      case 'reasoning':
        // Thought summaries from Gemini go back as thought parts; other vendors' redacted
        // reasoning means nothing to Gemini.
        if (part.text === '' || part.redactedData !== undefined) break;
        parts.push(withSignature({ text: part.text, thought: true }, part.signature));
        break;
      case 'tool-call': {
        let signature = signatureOf(part.providerOptions) ?? options.signatures.get(part.id);
        if (!signature && firstCall && options.model.startsWith('gemini-3')) {
          signature = SKIP_THOUGHT_SIGNATURE;
          warnings.push({
            type: 'other',
            message: `The call "${part.name}" (${part.id}) has no thought signature, which Gemini 3 requires; it was sent with "${SKIP_THOUGHT_SIGNATURE}". Keep the assistant content of the response as returned to avoid this.`,
          });
        }
        firstCall = false;
        parts.push(
          withSignature(
            {
              functionCall: {
                id: part.id,
                name: part.name,
                args: toArgs(part.arguments, part.name),
              },
            },
            signature,
          ),
        );
        break;
      }
    }
  }
  return parts;
}

function withSignature(part: Part, signature: string | undefined): Part {
  if (signature) part.thoughtSignature = signature;
  return part;
}

function toArgs(value: unknown, name: string): Record<string, unknown> {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = value.trim() === '' ? {} : JSON.parse(value);
    } catch {
      parsed = undefined;
    }
  }
  if (parsed === undefined || parsed === null) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InvalidRequestError(
      `The arguments of the tool call "${name}" are ${JSON.stringify(value)}; Gemini takes function call arguments as a JSON object. Pass an object.`,
    );
  }
  return { ...parsed };
}

/**
 * Gemini's `FunctionResponse.response` is an object: the result goes under `output`, or
 * under `error` for a failed call, as the API reference suggests. JSON text is parsed.
 */
function convertToolResult(message: ToolMessage, messages: readonly Message[]): Part {
  const name = message.toolName ?? findToolName(messages, message.toolCallId);
  if (!name) {
    throw new InvalidRequestError(
      `The tool result for "${message.toolCallId}" names no tool, and no earlier assistant message has a call with that id. Gemini needs the function name: set toolName on the tool message.`,
    );
  }
  const text = contentToText(message.content);
  let value: unknown = text;
  try {
    value = JSON.parse(text);
  } catch {
    // Plain text stays a string.
  }
  return {
    functionResponse: {
      id: message.toolCallId,
      name,
      response: message.isError ? { error: value } : { output: value },
    },
  };
}
