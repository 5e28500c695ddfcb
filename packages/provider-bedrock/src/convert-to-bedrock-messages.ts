import type {
  Message as BedrockMessage,
  ContentBlock,
  DocumentFormat,
  ImageFormat,
  SystemContentBlock,
} from '@aws-sdk/client-bedrock-runtime';
import {
  contentToParts,
  contentToText,
  InvalidRequestError,
  type Message,
  type ProviderOptions,
  type UserContentPart,
} from '@stratum/core';
import { isRecord } from '@stratum/core/provider-kit';
import { toDocument } from './to-document.js';

const IMAGE_FORMATS: Readonly<Record<string, ImageFormat>> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

const DOCUMENT_FORMATS: Readonly<Record<string, DocumentFormat>> = {
  'application/pdf': 'pdf',
  'text/csv': 'csv',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'text/html': 'html',
  'text/plain': 'txt',
  'text/markdown': 'md',
};

/** `providerOptions.bedrock.cachePoint: true` on a message or part: a cache point after it. */
export function wantsCachePoint(options: ProviderOptions | undefined): boolean {
  const entry = options?.['bedrock'];
  return isRecord(entry) && entry['cachePoint'] === true;
}

export const CACHE_POINT = { cachePoint: { type: 'default' as const } };

function invalid(message: string): InvalidRequestError {
  return new InvalidRequestError(message, { provider: 'bedrock' });
}

function bytesOf(data: string): Uint8Array {
  return new Uint8Array(Buffer.from(data, 'base64'));
}

/** Document names may hold letters, digits, spaces, hyphens, parentheses and brackets only. */
function documentName(filename: string | undefined, index: number): string {
  const base = (filename ?? '')
    .replace(/\.[^.]+$/, '')
    .replace(/[^\w\s\-()[\]]/g, ' ')
    .trim();
  return base || `document-${index + 1}`;
}

function userBlocks(content: string | UserContentPart[]): ContentBlock[] {
  const blocks: ContentBlock[] = [];
  contentToParts(content).forEach((part, index) => {
    if (part.type === 'text') blocks.push({ text: part.text });
    else if (part.source.type === 'url') {
      throw invalid(
        `Bedrock takes ${part.type === 'image' ? 'images' : 'files'} as bytes, not URLs: download ${part.source.url} and pass it as { type: 'base64', data, mediaType }.`,
      );
    } else if (part.type === 'image') {
      const format = IMAGE_FORMATS[part.source.mediaType];
      if (!format) {
        throw invalid(
          `Bedrock images must be PNG, JPEG, GIF or WebP; got ${part.source.mediaType}.`,
        );
      }
      blocks.push({ image: { format, source: { bytes: bytesOf(part.source.data) } } });
    } else {
      const format = DOCUMENT_FORMATS[part.mediaType];
      if (!format) {
        throw invalid(
          `Bedrock documents must be one of ${Object.keys(DOCUMENT_FORMATS).join(', ')}; got ${part.mediaType}.`,
        );
      }
      blocks.push({
        document: {
          format,
          name: documentName(part.filename, index),
          source: { bytes: bytesOf(part.source.data) },
        },
      });
    }
    if (wantsCachePoint(part.providerOptions)) blocks.push(CACHE_POINT);
  });
  return blocks;
}

function assistantBlocks(message: Extract<Message, { role: 'assistant' }>): ContentBlock[] {
  const blocks: ContentBlock[] = [];
  for (const part of contentToParts(message.content)) {
    if (part.type === 'text') {
      if (part.text) blocks.push({ text: part.text });
    } else if (part.type === 'reasoning') {
      // Claude on Bedrock checks the signature of every thinking block sent back.
      if (part.redactedData)
        blocks.push({ reasoningContent: { redactedContent: bytesOf(part.redactedData) } });
      else {
        blocks.push({
          reasoningContent: {
            reasoningText: {
              text: part.text,
              ...(part.signature ? { signature: part.signature } : {}),
            },
          },
        });
      }
    } else {
      const input = toDocument(isRecord(part.arguments) ? part.arguments : {});
      blocks.push({ toolUse: { toolUseId: part.id, name: part.name, input } });
    }
    if (wantsCachePoint(part.providerOptions)) blocks.push(CACHE_POINT);
  }
  return blocks;
}

export interface BedrockConversation {
  system: SystemContentBlock[];
  messages: BedrockMessage[];
}

/**
 * Stratum messages → Converse `system` and `messages`
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Message.html): images and
 * documents as bytes, reasoning with its signature (or redacted bytes), tool calls as
 * `toolUse`, tool results as `toolResult` blocks of a user turn; consecutive turns of one role
 * are merged, since Converse wants roles to alternate. Cache points follow any message or part
 * marked `providerOptions.bedrock.cachePoint`.
 */
export function convertToBedrockMessages(messages: readonly Message[]): BedrockConversation {
  const system: SystemContentBlock[] = [];
  const converted: BedrockMessage[] = [];
  const push = (role: 'user' | 'assistant', blocks: ContentBlock[]): void => {
    const last = converted.at(-1);
    if (last?.role === role) last.content = [...(last.content ?? []), ...blocks];
    else converted.push({ role, content: blocks });
  };
  for (const message of messages) {
    const cache = wantsCachePoint(message.providerOptions) ? [CACHE_POINT] : [];
    switch (message.role) {
      case 'system':
        system.push({ text: contentToText(message.content) }, ...cache);
        break;
      case 'user':
        push('user', [...userBlocks(message.content), ...cache]);
        break;
      case 'assistant':
        push('assistant', [...assistantBlocks(message), ...cache]);
        break;
      case 'tool':
        push('user', [
          {
            toolResult: {
              toolUseId: message.toolCallId,
              content: [{ text: contentToText(message.content) }],
              ...(message.isError ? { status: 'error' as const } : {}),
            },
          },
          ...cache,
        ]);
        break;
    }
  }
  return { system, messages: converted };
}
