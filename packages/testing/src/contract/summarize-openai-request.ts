import { isRecord } from '@stratum/core/provider-kit';
import {
  emptyTurn,
  type RequestSummary,
  records,
  stringOf,
  type TurnSummary,
  textOf,
} from './request-summary.js';

/** Reads a Chat Completions body: https://platform.openai.com/docs/api-reference/chat/create */
export function summarizeOpenAIRequest(body: unknown): RequestSummary {
  const request = isRecord(body) ? body : {};
  const systemTexts: string[] = [];
  const turns: TurnSummary[] = [];
  for (const message of records(request['messages'])) {
    const role = message['role'];
    if (role === 'system' || role === 'developer') {
      systemTexts.push(textOf(message['content']));
      continue;
    }
    if (role === 'tool') {
      const turn = emptyTurn('tool');
      turn.toolResults.push({
        id: stringOf(message['tool_call_id']),
        name: undefined,
        content: textOf(message['content']),
      });
      turns.push(turn);
      continue;
    }
    const turn = emptyTurn(role === 'assistant' ? 'assistant' : 'user');
    turn.text = textOf(message['content']);
    turn.images = records(message['content']).filter((part) => part['type'] === 'image_url').length;
    for (const call of records(message['tool_calls'])) {
      const fn = isRecord(call['function']) ? call['function'] : {};
      turn.toolCalls.push({
        id: stringOf(call['id']),
        name: stringOf(fn['name']) ?? '',
        arguments: parseJson(fn['arguments']),
      });
    }
    turns.push(turn);
  }
  const format = isRecord(request['response_format']) ? request['response_format'] : {};
  return {
    model: stringOf(request['model']),
    system: systemTexts.length ? systemTexts.join('\n') : undefined,
    turns,
    toolNames: records(request['tools']).map((tool) =>
      isRecord(tool['function']) ? (stringOf(tool['function']['name']) ?? '') : '',
    ),
    jsonSchema: format['type'] === 'json_schema',
  };
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
