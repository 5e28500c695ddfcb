import { isRecord } from '@stratum/core/provider-kit';
import {
  emptyTurn,
  parseJsonText,
  type RequestSummary,
  records,
  stringOf,
  type TurnSummary,
} from './request-summary.js';

function textOfContent(content: unknown): string {
  if (typeof content === 'string') return content;
  return records(content)
    .map((part) =>
      part['type'] === 'input_text' || part['type'] === 'output_text'
        ? (stringOf(part['text']) ?? '')
        : '',
    )
    .join('');
}

/** Reads a Responses API body: https://platform.openai.com/docs/api-reference/responses/create */
export function summarizeOpenAIResponsesRequest(body: unknown): RequestSummary {
  const request = isRecord(body) ? body : {};
  const turns: TurnSummary[] = [];
  let system: string | undefined = stringOf(request['instructions']);
  const input =
    typeof request['input'] === 'string'
      ? [{ role: 'user', content: request['input'] }]
      : records(request['input']);
  for (const item of input) {
    const role = item['role'];
    if (role === 'system' || role === 'developer') {
      system = (system ?? '') + textOfContent(item['content']);
      continue;
    }
    if (role === 'user' || role === 'assistant') {
      const turn = emptyTurn(role);
      turn.text = textOfContent(item['content']);
      turn.images = records(item['content']).filter(
        (part) => part['type'] === 'input_image',
      ).length;
      turns.push(turn);
      continue;
    }
    if (item['type'] === 'function_call') {
      let turn = turns.at(-1);
      if (turn?.role !== 'assistant') {
        turn = emptyTurn('assistant');
        turns.push(turn);
      }
      turn.toolCalls.push({
        id: stringOf(item['call_id']),
        name: stringOf(item['name']) ?? '',
        arguments: parseJsonText(item['arguments']),
      });
    } else if (item['type'] === 'function_call_output') {
      const turn = emptyTurn('tool');
      turn.toolResults.push({
        id: stringOf(item['call_id']),
        name: undefined,
        content: textOfContent(item['output']),
      });
      turns.push(turn);
    }
  }
  const text = isRecord(request['text']) ? request['text'] : {};
  const format = isRecord(text['format']) ? text['format'] : {};
  return {
    model: stringOf(request['model']),
    system,
    turns,
    toolNames: records(request['tools'])
      .filter((tool) => tool['type'] === 'function')
      .map((tool) => stringOf(tool['name']) ?? ''),
    jsonSchema: format['type'] === 'json_schema',
  };
}
