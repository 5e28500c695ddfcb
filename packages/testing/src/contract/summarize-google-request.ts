import { isRecord } from '@stratum/core/provider-kit';
import {
  emptyTurn,
  type RequestSummary,
  records,
  stringOf,
  type TurnSummary,
  textOf,
} from './request-summary.js';

/** Reads a generateContent body: https://ai.google.dev/api/generate-content#request-body */
export function summarizeGoogleRequest(body: unknown): RequestSummary {
  const request = isRecord(body) ? body : {};
  const turns: TurnSummary[] = [];
  for (const content of records(request['contents'])) {
    const turn = emptyTurn(content['role'] === 'model' ? 'assistant' : 'user');
    for (const part of records(content['parts'])) {
      if (typeof part['text'] === 'string' && part['thought'] !== true) turn.text += part['text'];
      if (isRecord(part['inlineData']) || isRecord(part['fileData'])) turn.images += 1;
      if (isRecord(part['functionCall'])) {
        const call = part['functionCall'];
        turn.toolCalls.push({
          id: stringOf(call['id']),
          name: stringOf(call['name']) ?? '',
          arguments: call['args'],
        });
      }
      if (isRecord(part['functionResponse'])) {
        const result = part['functionResponse'];
        turn.toolResults.push({
          id: stringOf(result['id']),
          name: stringOf(result['name']),
          content: JSON.stringify(result['response'] ?? null),
        });
      }
    }
    turns.push(turn);
  }
  const instruction = isRecord(request['systemInstruction'])
    ? request['systemInstruction']
    : undefined;
  const generation = isRecord(request['generationConfig']) ? request['generationConfig'] : {};
  return {
    model: undefined,
    system: instruction ? textOf(instruction['parts']) : undefined,
    turns,
    toolNames: records(request['tools']).flatMap((tool) =>
      records(tool['functionDeclarations']).map(
        (declaration) => stringOf(declaration['name']) ?? '',
      ),
    ),
    jsonSchema:
      generation['responseSchema'] !== undefined || generation['responseJsonSchema'] !== undefined,
  };
}
