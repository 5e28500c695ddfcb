import type { TextPart } from '../types/content.js';
import type { Message } from '../types/message.js';

/** The text of a message's content, parts joined. */
export function contentToText(
  content: string | ReadonlyArray<{ type: string; text?: string }>,
): string {
  if (typeof content === 'string') return content;
  let text = '';
  for (const part of content)
    if (part.type === 'text' && part.text !== undefined) text += part.text;
  return text;
}

/** Content as an array of parts. */
export function contentToParts<T extends { type: string }>(
  content: string | T[],
): Array<T | TextPart> {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

/** Finds the tool name of a tool call id among earlier assistant messages. */
export function findToolName(messages: readonly Message[], toolCallId: string): string | undefined {
  for (const message of messages) {
    if (message.role !== 'assistant' || typeof message.content === 'string') continue;
    for (const part of message.content) {
      if (part.type === 'tool-call' && part.id === toolCallId) return part.name;
    }
  }
  return undefined;
}
