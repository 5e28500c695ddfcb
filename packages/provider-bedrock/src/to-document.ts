import type { ConverseRequest } from '@aws-sdk/client-bedrock-runtime';

/** The SDK's JSON document type (tool inputs and schemas, additional model fields). */
export type Document = Exclude<ConverseRequest['additionalModelRequestFields'], undefined>;

/** A JSON value as the SDK's document type; what JSON cannot hold (functions, undefined) is left out. */
export function toDocument(value: unknown): Document {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(toDocument);
  const document: Record<string, Document> = {};
  if (typeof value === 'object') {
    for (const [key, entry] of Object.entries(value)) {
      if (entry !== undefined && typeof entry !== 'function') document[key] = toDocument(entry);
    }
  }
  return document;
}
