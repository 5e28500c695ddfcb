import { isRecord } from '@stratum/core/provider-kit';
import {
  emptyTurn,
  parseJsonText,
  type RequestSummary,
  records,
  stringOf,
  type TurnSummary,
  textOf,
} from './request-summary.js';

/** Reads a Cohere chat v2 body: https://docs.cohere.com/reference/chat */
export function summarizeCohereRequest(body: unknown): RequestSummary {
  const request = isRecord(body) ? body : {};
  const turns: TurnSummary[] = [];
  let system: string | undefined;
  for (const message of records(request['messages'])) {
    const role = message['role'];
    if (role === 'system') {
      system = (system ?? '') + textOf(message['content']);
      continue;
    }
    const turn = emptyTurn(role === 'assistant' ? 'assistant' : role === 'tool' ? 'tool' : 'user');
    turn.text = textOf(message['content']);
    turn.images = records(message['content']).filter((part) => part['type'] === 'image_url').length;
    for (const call of records(message['tool_calls'])) {
      const fn = isRecord(call['function']) ? call['function'] : {};
      turn.toolCalls.push({
        id: stringOf(call['id']),
        name: stringOf(fn['name']) ?? '',
        arguments: parseJsonText(fn['arguments']),
      });
    }
    if (role === 'tool') {
      turn.toolResults.push({
        id: stringOf(message['tool_call_id']),
        name: undefined,
        content: turn.text,
      });
      turn.text = '';
    }
    turns.push(turn);
  }
  const format = isRecord(request['response_format']) ? request['response_format'] : {};
  return {
    model: stringOf(request['model']),
    system,
    turns,
    toolNames: records(request['tools']).map((tool) =>
      isRecord(tool['function']) ? (stringOf(tool['function']['name']) ?? '') : '',
    ),
    jsonSchema: format['type'] === 'json_object' && isRecord(format['json_schema']),
  };
}
