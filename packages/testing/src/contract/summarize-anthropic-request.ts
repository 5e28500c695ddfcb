import { isRecord } from '@stratum/core/provider-kit';
import {
  emptyTurn,
  type RequestSummary,
  records,
  stringOf,
  type TurnSummary,
  textOf,
} from './request-summary.js';

/** Reads a Messages API body: https://docs.anthropic.com/en/api/messages */
export function summarizeAnthropicRequest(body: unknown): RequestSummary {
  const request = isRecord(body) ? body : {};
  const turns: TurnSummary[] = [];
  for (const message of records(request['messages'])) {
    const turn = emptyTurn(message['role'] === 'assistant' ? 'assistant' : 'user');
    const content = message['content'];
    if (typeof content === 'string') turn.text = content;
    for (const block of records(content)) {
      switch (block['type']) {
        case 'text':
          turn.text += stringOf(block['text']) ?? '';
          break;
        case 'image':
          turn.images += 1;
          break;
        case 'tool_use':
          turn.toolCalls.push({
            id: stringOf(block['id']),
            name: stringOf(block['name']) ?? '',
            arguments: block['input'],
          });
          break;
        case 'tool_result':
          turn.toolResults.push({
            id: stringOf(block['tool_use_id']),
            name: undefined,
            content: textOf(block['content']),
          });
          break;
      }
    }
    turns.push(turn);
  }
  const tools = records(request['tools']);
  const choice = isRecord(request['tool_choice']) ? request['tool_choice'] : {};
  // JSON output is either native (`output_format`) or a tool the model is forced to call.
  const nativeFormat = isRecord(request['output_format']) || isRecord(request['output_config']);
  return {
    model: stringOf(request['model']),
    system: request['system'] === undefined ? undefined : textOf(request['system']),
    turns,
    toolNames: tools.map((tool) => stringOf(tool['name']) ?? ''),
    jsonSchema: nativeFormat || choice['type'] === 'tool',
  };
}
