import type { ChatResponse, StreamEvent } from '@stratum/core';

/**
 * Plays a cached response back as the stream a live call would have produced: reasoning and
 * text deltas and tool calls in the order the model wrote them, then the `finish` event.
 */
export async function* replayCachedStream(response: ChatResponse): AsyncGenerator<StreamEvent> {
  let toolIndex = 0;
  for (const part of response.content) {
    if (part.type === 'text') {
      if (part.text !== '') yield { type: 'text-delta', text: part.text };
    } else if (part.type === 'reasoning') {
      if (part.text !== '') yield { type: 'reasoning-delta', text: part.text };
    } else {
      const toolCall = response.toolCalls.find((call) => call.id === part.id) ?? {
        id: part.id,
        name: part.name,
        arguments: part.arguments,
        rawArguments: JSON.stringify(part.arguments ?? {}),
      };
      yield {
        type: 'tool-call-delta',
        index: toolIndex,
        id: toolCall.id,
        name: toolCall.name,
        argumentsDelta: toolCall.rawArguments,
      };
      yield { type: 'tool-call', toolCall };
      toolIndex += 1;
    }
  }
  yield { type: 'finish', response };
}
