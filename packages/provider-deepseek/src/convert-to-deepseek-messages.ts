import type { Message } from '@stratum/core';
import type { OpenAIChatRequestBody } from '@stratum/provider-openai/internal';

type ChatMessage = OpenAIChatRequestBody['messages'][number];

/**
 * Sends assistant reasoning back the way DeepSeek's thinking mode requires: the
 * `reasoning_content` of every assistant message in a turn (the messages between two user
 * messages) that called tools goes back, in all later requests, or the API answers 400; for
 * turns without tool calls it is left out (DeepSeek ignores it there, and the first
 * deepseek-reasoner release rejected it with a 400). A tool-calling message without recorded
 * reasoning gets an empty `reasoning_content`, which DeepSeek accepts.
 * https://api-docs.deepseek.com/guides/thinking_mode
 *
 * `converted` holds one Chat Completions message per Stratum message, in order.
 */
export function addDeepSeekReasoningContent(
  converted: ChatMessage[],
  messages: readonly Message[],
): ChatMessage[] {
  if (converted.length !== messages.length) return converted;
  let turnStart = 0;
  for (let index = 0; index <= messages.length; index += 1) {
    if (index < messages.length && messages[index]?.role !== 'user') continue;
    if (turnUsesTools(messages, turnStart, index)) {
      for (let position = turnStart; position < index; position += 1) {
        const message = messages[position];
        const target = converted[position];
        if (message?.role === 'assistant' && target?.role === 'assistant') {
          Object.assign(target, { reasoning_content: reasoningText(message.content) });
        }
      }
    }
    turnStart = index + 1;
  }
  return converted;
}

function turnUsesTools(messages: readonly Message[], start: number, end: number): boolean {
  for (let index = start; index < end; index += 1) {
    const message = messages[index];
    if (message?.role === 'tool') return true;
    if (message?.role === 'assistant' && typeof message.content !== 'string') {
      if (message.content.some((part) => part.type === 'tool-call')) return true;
    }
  }
  return false;
}

function reasoningText(content: Extract<Message, { role: 'assistant' }>['content']): string {
  if (typeof content === 'string') return '';
  let text = '';
  for (const part of content) if (part.type === 'reasoning') text += part.text;
  return text;
}
