import { InvalidRequestError, type ProviderOptions } from '@stratum/core';
import { isRecord } from '@stratum/core/provider-kit';
import type { Cohere } from 'cohere-ai';

/** What `providerOptions.cohere` may hold on a request (https://docs.cohere.com/reference/chat). */
export interface CohereProviderOptions {
  /** Documents the model grounds its answer on and cites: strings or `{ id?, data }` objects. */
  documents?: Array<string | { id?: string; data: Record<string, unknown> }>;
  /** `citation_options.mode`. */
  citationMode?: 'ENABLED' | 'DISABLED' | 'FAST' | 'ACCURATE' | 'OFF';
  safetyMode?: 'CONTEXTUAL' | 'STRICT' | 'OFF';
  /** `strict_tools`: make tool calls follow the tool schemas exactly. */
  strictTools?: boolean;
  /** Top-k sampling (`k`). */
  topK?: number;
  frequencyPenalty?: number;
  presencePenalty?: number;
}

const CITATION_MODES = ['ENABLED', 'DISABLED', 'FAST', 'ACCURATE', 'OFF'] as const;
const SAFETY_MODES = ['CONTEXTUAL', 'STRICT', 'OFF'] as const;

function invalid(field: string, expected: string, value: unknown): InvalidRequestError {
  return new InvalidRequestError(
    `providerOptions.cohere.${field} must be ${expected}, got ${JSON.stringify(value)}.`,
    { provider: 'cohere' },
  );
}

function oneOf<T extends string>(
  field: string,
  value: unknown,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  const found = allowed.find((choice) => choice === value);
  if (found === undefined) throw invalid(field, `one of ${allowed.join(', ')}`, value);
  return found;
}

function numberOf(field: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(field, 'a number', value);
  return value;
}

/** The request fields `providerOptions.cohere` sets, checked before any network call. */
export function readCohereOptions(
  options: ProviderOptions | undefined,
): Partial<Cohere.V2ChatRequest> {
  const entry = options?.['cohere'];
  if (entry === undefined) return {};
  if (!isRecord(entry)) throw invalid('', 'an object', entry);
  const fields: Partial<Cohere.V2ChatRequest> = {};
  const documents = entry['documents'];
  if (documents !== undefined) {
    if (!Array.isArray(documents)) throw invalid('documents', 'an array', documents);
    fields.documents = documents.map((document, index): Cohere.V2ChatRequestDocumentsItem => {
      if (typeof document === 'string') return document;
      if (isRecord(document) && isRecord(document['data'])) {
        const id = document['id'];
        return { data: document['data'], ...(typeof id === 'string' ? { id } : {}) };
      }
      throw invalid(`documents[${index}]`, 'a string or { id?, data: {...} }', document);
    });
  }
  const citationMode = oneOf('citationMode', entry['citationMode'], CITATION_MODES);
  if (citationMode) fields.citationOptions = { mode: citationMode };
  const safetyMode = oneOf('safetyMode', entry['safetyMode'], SAFETY_MODES);
  if (safetyMode) fields.safetyMode = safetyMode;
  const strictTools = entry['strictTools'];
  if (strictTools !== undefined) {
    if (typeof strictTools !== 'boolean') throw invalid('strictTools', 'a boolean', strictTools);
    fields.strictTools = strictTools;
  }
  const topK = numberOf('topK', entry['topK']);
  if (topK !== undefined) fields.k = topK;
  const frequencyPenalty = numberOf('frequencyPenalty', entry['frequencyPenalty']);
  if (frequencyPenalty !== undefined) fields.frequencyPenalty = frequencyPenalty;
  const presencePenalty = numberOf('presencePenalty', entry['presencePenalty']);
  if (presencePenalty !== undefined) fields.presencePenalty = presencePenalty;
  return fields;
}
