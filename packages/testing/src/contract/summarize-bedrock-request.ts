import { isRecord } from '@stratum/core/provider-kit';
import {
  emptyTurn,
  type RequestSummary,
  records,
  stringOf,
  type TurnSummary,
} from './request-summary.js';

/** Reads a Converse body: https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html */
export function summarizeBedrockRequest(body: unknown): RequestSummary {
  const request = isRecord(body) ? body : {};
  const turns: TurnSummary[] = [];
  for (const message of records(request['messages'])) {
    const turn = emptyTurn(message['role'] === 'assistant' ? 'assistant' : 'user');
    for (const block of records(message['content'])) {
      if (typeof block['text'] === 'string') turn.text += block['text'];
      if (isRecord(block['image'])) turn.images += 1;
      const toolUse = isRecord(block['toolUse']) ? block['toolUse'] : undefined;
      if (toolUse) {
        turn.toolCalls.push({
          id: stringOf(toolUse['toolUseId']),
          name: stringOf(toolUse['name']) ?? '',
          arguments: toolUse['input'],
        });
      }
      const toolResult = isRecord(block['toolResult']) ? block['toolResult'] : undefined;
      if (toolResult) {
        turn.toolResults.push({
          id: stringOf(toolResult['toolUseId']),
          name: undefined,
          content: records(toolResult['content'])
            .map((part) => stringOf(part['text']) ?? JSON.stringify(part['json'] ?? ''))
            .join(''),
        });
      }
    }
    turns.push(turn);
  }
  const system = records(request['system']);
  const toolConfig = isRecord(request['toolConfig']) ? request['toolConfig'] : {};
  const outputConfig = isRecord(request['outputConfig']) ? request['outputConfig'] : {};
  return {
    model: undefined,
    system:
      system.length > 0 ? system.map((block) => stringOf(block['text']) ?? '').join('') : undefined,
    turns,
    toolNames: records(toolConfig['tools'])
      .map((tool) => (isRecord(tool['toolSpec']) ? (stringOf(tool['toolSpec']['name']) ?? '') : ''))
      .filter((name) => name !== ''),
    jsonSchema: isRecord(outputConfig['textFormat']),
  };
}
