import { isRecord } from '@stratum/core/provider-kit';
/**
 * A vendor-neutral view of a request body a simulator received, so one contract suite can
 * check what every provider sent. Each vendor's summarizer reads that vendor's documented
 * request format.
 */
export interface RequestSummary {
  model: string | undefined;
  system: string | undefined;
  turns: TurnSummary[];
  toolNames: string[];
  /** The request asked for JSON constrained by a schema (natively or through a forced tool). */
  jsonSchema: boolean;
}

export interface TurnSummary {
  role: 'user' | 'assistant' | 'tool';
  text: string;
  images: number;
  toolCalls: Array<{ id: string | undefined; name: string; arguments: unknown }>;
  toolResults: Array<{ id: string | undefined; name: string | undefined; content: string }>;
}

export type RequestSummarizer = (body: unknown) => RequestSummary;

export function emptyTurn(role: TurnSummary['role']): TurnSummary {
  return { role, text: '', images: 0, toolCalls: [], toolResults: [] };
}

export function records(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Text of a string or of an array of `{ type: 'text', text }` blocks. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  return records(value)
    .map((block) =>
      block['type'] === 'text' || block['text'] !== undefined
        ? (stringOf(block['text']) ?? '')
        : '',
    )
    .join('');
}

/** JSON argument text parsed, or the text itself when it is not JSON. */
export function parseJsonText(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
