import type { Message } from '@anthropic-ai/sdk/resources/messages';
import type { ResponseContentPart } from '@stratum/core';
import type { JsonTool } from './prepare-anthropic-tools.js';

export interface ConvertedResponse {
  content: ResponseContentPart[];
  /** The answer came through the JSON tool (and no other tool was called). */
  answeredWithJsonTool: boolean;
}

/** The value a JSON tool call carries: its input, or `input.value` when the schema was wrapped. */
export function jsonToolValue(input: unknown, jsonTool: JsonTool): unknown {
  if (!jsonTool.wrapped) return input;
  return typeof input === 'object' && input !== null && 'value' in input ? input.value : input;
}

/**
 * Converts a `message`'s content blocks (https://platform.claude.com/docs/en/api/messages#response-content):
 * text, `thinking` (text and signature), `redacted_thinking` (opaque data) and `tool_use`. A
 * call to the JSON tool becomes the response text.
 */
export function convertAnthropicResponse(
  message: Message,
  jsonTool: JsonTool | undefined,
): ConvertedResponse {
  const content: ResponseContentPart[] = [];
  let jsonAnswers = 0;
  let toolCalls = 0;
  for (const block of message.content) {
    switch (block.type) {
      case 'text':
        content.push({ type: 'text', text: block.text });
        break;
      case 'thinking':
        content.push({ type: 'reasoning', text: block.thinking, signature: block.signature });
        break;
      case 'redacted_thinking':
        content.push({ type: 'reasoning', text: '', redactedData: block.data });
        break;
      case 'tool_use':
        if (jsonTool && block.name === jsonTool.name) {
          jsonAnswers += 1;
          content.push({
            type: 'text',
            text: JSON.stringify(jsonToolValue(block.input, jsonTool)),
          });
          break;
        }
        toolCalls += 1;
        content.push({
          type: 'tool-call',
          id: block.id,
          name: block.name,
          arguments: block.input,
          rawArguments: JSON.stringify(block.input),
        });
        break;
    }
  }
  return { content, answeredWithJsonTool: jsonAnswers > 0 && toolCalls === 0 };
}
