import type { Message } from '@stratum/core';
import type { OpenAICompatibleMessageConverter } from '@stratum/provider-openai/internal';

/**
 * Sends assistant reasoning back the way DeepSeek's thinking mode requires: the
 * `reasoning_content` of every assistant message in a turn (the messages between two user
 * messages) that called tools goes back, in all later requests, or the API answers 400; for
 * turns without tool calls it is left out (DeepSeek ignores it there, and the first
 * deepseek-reasoner release rejected it with a 400). A tool-calling message without recorded
 * reasoning gets an empty `reasoning_content`, which DeepSeek accepts.
 * https://api-docs.deepseek.com/guides/thinking_mode
 *
 * Which turns use tools is worked out once per request, from the Stratum messages.
 */
export function createDeepSeekMessageConverter(
  messages: readonly Message[],
): OpenAICompatibleMessageConverter {
  const inToolTurn = toolTurnMembership(messages);
  return (converted, { message, index }) => {
    if (converted.role === 'assistant' && message.role === 'assistant' && inToolTurn[index]) {
      Object.assign(converted, { reasoning_content: reasoningText(message.content) });
    }
    return converted;
  };
}

/** For each message, whether the turn it belongs to calls a tool. */
function toolTurnMembership(messages: readonly Message[]): boolean[] {
  const membership: boolean[] = new Array(messages.length).fill(false);
  let turnStart = 0;
  for (let index = 0; index <= messages.length; index += 1) {
    if (index < messages.length && messages[index]?.role !== 'user') continue;
    if (messages.slice(turnStart, index).some(usesTools)) membership.fill(true, turnStart, index);
    turnStart = index + 1;
  }
  return membership;
}

function usesTools(message: Message): boolean {
  if (message.role === 'tool') return true;
  return (
    message.role === 'assistant' &&
    typeof message.content !== 'string' &&
    message.content.some((part) => part.type === 'tool-call')
  );
}

function reasoningText(content: Extract<Message, { role: 'assistant' }>['content']): string {
  if (typeof content === 'string') return '';
  let text = '';
  for (const part of content) if (part.type === 'reasoning') text += part.text;
  return text;
}
