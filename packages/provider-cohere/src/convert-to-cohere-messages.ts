import {
  contentToParts,
  contentToText,
  InvalidRequestError,
  type Message,
  type UserContentPart,
} from '@stratum/core';
import { isRecord } from '@stratum/core/provider-kit';
import type { Cohere } from 'cohere-ai';

/** Media types Cohere can read as a document's text (it takes documents as text, not files). */
const TEXT_DOCUMENT = /^(text\/|application\/(json|xml|csv))/;

export interface CohereConversation {
  messages: Cohere.ChatMessageV2[];
  /** Text files from the messages, sent as top-level `documents` so answers can cite them. */
  documents: Cohere.Document[];
}

/** True for a reasoning part that holds Cohere's `tool_plan` rather than `thinking`. */
export function isToolPlan(providerOptions: Record<string, unknown> | undefined): boolean {
  const entry = providerOptions?.['cohere'];
  return isRecord(entry) && entry['toolPlan'] === true;
}

/**
 * Stratum messages → chat v2 messages (https://docs.cohere.com/reference/chat#request.body.messages):
 * images as `image_url` parts (base64 as data URLs), text files as documents, assistant
 * reasoning back as `thinking` content or `tool_plan`, tool calls with their argument text,
 * tool results as `tool` messages.
 */
export function convertToCohereMessages(messages: readonly Message[]): CohereConversation {
  const converted: Cohere.ChatMessageV2[] = [];
  const documents: Cohere.Document[] = [];
  for (const message of messages) {
    switch (message.role) {
      case 'system':
        converted.push({ role: 'system', content: contentToText(message.content) });
        break;
      case 'user':
        converted.push({ role: 'user', content: userContent(message.content, documents) });
        break;
      case 'assistant': {
        const content: Cohere.AssistantMessageV2ContentOneItem[] = [];
        const toolCalls: Cohere.ToolCallV2[] = [];
        let toolPlan: string | undefined;
        for (const part of contentToParts(message.content)) {
          if (part.type === 'text') content.push({ type: 'text', text: part.text });
          else if (part.type === 'reasoning') {
            if (isToolPlan(part.providerOptions)) toolPlan = (toolPlan ?? '') + part.text;
            else content.push({ type: 'thinking', thinking: part.text });
          } else {
            toolCalls.push({
              id: part.id,
              type: 'function',
              function: {
                name: part.name,
                arguments: part.rawArguments ?? JSON.stringify(part.arguments ?? {}),
              },
            });
          }
        }
        converted.push({
          role: 'assistant',
          ...(content.length > 0 ? { content } : {}),
          ...(toolCalls.length > 0 ? { toolCalls } : {}),
          ...(toolPlan !== undefined ? { toolPlan } : {}),
        });
        break;
      }
      case 'tool':
        converted.push({
          role: 'tool',
          toolCallId: message.toolCallId,
          content: contentToText(message.content),
        });
        break;
    }
  }
  return { messages: converted, documents };
}

function userContent(
  content: string | UserContentPart[],
  documents: Cohere.Document[],
): Cohere.UserMessageV2Content {
  if (typeof content === 'string') return content;
  const parts: Cohere.Content[] = [];
  for (const part of content) {
    if (part.type === 'text') parts.push({ type: 'text', text: part.text });
    else if (part.type === 'image') {
      const url =
        part.source.type === 'url'
          ? part.source.url
          : `data:${part.source.mediaType};base64,${part.source.data}`;
      parts.push({
        type: 'image_url',
        imageUrl: { url, ...(part.detail ? { detail: part.detail } : {}) },
      });
    } else {
      if (part.source.type !== 'base64' || !TEXT_DOCUMENT.test(part.mediaType)) {
        throw new InvalidRequestError(
          `Cohere takes documents as text: a file part must be base64 data of a text type (text/plain, text/markdown, application/json…), got ${part.mediaType} as ${part.source.type}. Extract the text first, or pass providerOptions.cohere.documents.`,
          { provider: 'cohere' },
        );
      }
      const text = Buffer.from(part.source.data, 'base64').toString('utf8');
      documents.push({ data: { text, ...(part.filename ? { title: part.filename } : {}) } });
    }
  }
  return parts;
}
