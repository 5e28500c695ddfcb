import { isRecord } from '@stratum/core/provider-kit';
import type { RecordedRequest } from '../simulator/scenario.js';

/** Reading a Gemini API request: https://ai.google.dev/api/generate-content#request-body */

/** `/{version}/models/{model}:{method}`, the Gemini API's generate methods. */
const ROUTE = /^\/(v1beta|v1|v1alpha)\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;

export interface RouteMatch {
  model: string;
  streaming: boolean;
  sse: boolean;
}

export function matchRoute(request: RecordedRequest): RouteMatch | undefined {
  const url = new URL(request.url, 'http://simulator.invalid');
  const match = ROUTE.exec(url.pathname);
  if (request.method !== 'POST' || !match) return undefined;
  const streaming = match[3] === 'streamGenerateContent';
  return {
    model: decodeURIComponent(match[2] ?? ''),
    streaming,
    sse: streaming && url.searchParams.get('alt') === 'sse',
  };
}

/** The key Gemini reads: the `x-goog-api-key` header, or the `key` query parameter. */
export function apiKeyOf(request: RecordedRequest): string | undefined {
  const header = request.headers['x-goog-api-key'];
  if (header) return header;
  return new URL(request.url, 'http://simulator.invalid').searchParams.get('key') ?? undefined;
}

export function contentsOf(body: unknown): Array<Record<string, unknown>> {
  const contents = isRecord(body) ? body['contents'] : undefined;
  return Array.isArray(contents) ? contents.filter(isRecord) : [];
}

export function textOfContent(content: Record<string, unknown>): string {
  const parts = content['parts'];
  if (!Array.isArray(parts)) return '';
  return parts
    .filter(isRecord)
    .map((part) => (typeof part['text'] === 'string' ? part['text'] : ''))
    .join('');
}

/** The request problems Gemini itself rejects with 400 INVALID_ARGUMENT. */
export function invalidRequest(body: unknown): string | undefined {
  if (!isRecord(body)) return 'Invalid JSON payload received. Expected an object.';
  const contents = body['contents'];
  if (!Array.isArray(contents) || contents.length === 0) {
    return '* GenerateContentRequest.contents: contents is not specified\n';
  }
  for (const content of contents) {
    if (!isRecord(content) || !Array.isArray(content['parts']) || content['parts'].length === 0) {
      return '* GenerateContentRequest.contents: contents.parts must not be empty.\n';
    }
    const role = content['role'];
    if (role !== undefined && role !== 'user' && role !== 'model') {
      return 'Please use a valid role: user, model.';
    }
  }
  return undefined;
}
