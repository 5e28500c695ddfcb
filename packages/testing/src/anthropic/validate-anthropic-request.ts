import { isRecord } from '@stratum/core/provider-kit';
import type { RecordedRequest } from '../simulator/scenario.js';

export interface RequestProblem {
  status: number;
  type: string;
  message: string;
}

/** Sampling parameters API version 2026-10-21 rejects (https://platform.claude.com/docs/en/api/migration-2026-10-21). */
const REMOVED_SAMPLING = ['temperature', 'top_p', 'top_k'] as const;

/**
 * The checks the Messages API makes before a model runs, so a client that leaves out a required
 * field fails here as it would against the API: auth and version headers, `model`,
 * `max_tokens`, `messages`, the thinking budget and, on 2026-10-21, sampling parameters.
 */
export function validateAnthropicRequest(request: RecordedRequest): RequestProblem | undefined {
  const invalid = (message: string): RequestProblem => ({
    status: 400,
    type: 'invalid_request_error',
    message,
  });
  if (!request.headers['x-api-key'] && !request.headers['authorization']) {
    return { status: 401, type: 'authentication_error', message: 'x-api-key header is required' };
  }
  const version = request.headers['anthropic-version'];
  if (!version) return invalid('anthropic-version: header is required');
  const body = request.body;
  if (!isRecord(body)) return invalid('The request body is not valid JSON.');
  if (typeof body['model'] !== 'string') return invalid('model: Field required');
  const maxTokens = body['max_tokens'];
  if (typeof maxTokens !== 'number') return invalid('max_tokens: Field required');
  if (!Array.isArray(body['messages'])) return invalid('messages: Field required');
  if (version >= '2026-10-21') {
    for (const name of REMOVED_SAMPLING) {
      if (name in body) {
        return invalid(`${name}: Extra inputs are not permitted on API version ${version}`);
      }
    }
  }
  const thinking = body['thinking'];
  if (isRecord(thinking) && thinking['type'] === 'enabled') {
    const budget = thinking['budget_tokens'];
    if (typeof budget !== 'number' || budget < 1024) {
      return invalid(
        'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024',
      );
    }
    if (maxTokens <= budget) {
      return invalid('`max_tokens` must be greater than `thinking.budget_tokens`.');
    }
  }
  return undefined;
}

/** Characters of prompt text (system and messages), for estimated usage. */
export function promptCharacters(body: unknown): number {
  if (!isRecord(body)) return 0;
  return textLength(body['system']) + textLength(body['messages']);
}

function textLength(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) return value.reduce<number>((sum, item) => sum + textLength(item), 0);
  if (!isRecord(value)) return 0;
  return textLength(value['text']) + textLength(value['content']);
}

/** The text of the last user turn, for the default echo. */
export function lastUserText(body: unknown): string {
  if (!isRecord(body) || !Array.isArray(body['messages'])) return '';
  for (let index = body['messages'].length - 1; index >= 0; index -= 1) {
    const message: unknown = body['messages'][index];
    if (!isRecord(message) || message['role'] !== 'user') continue;
    const content = message['content'];
    if (typeof content === 'string') return content;
    if (Array.isArray(content)) {
      return content
        .map((block: unknown) =>
          isRecord(block) && typeof block['text'] === 'string' ? block['text'] : '',
        )
        .join('');
    }
  }
  return '';
}
