import type { ChatRequest } from '@stratum/core';
import * as v from 'valibot';

/**
 * What a client may send on `/api/ws`. The request is checked only for being an object here:
 * core validates it field by field and answers with an error that names the field.
 */
const ClientMessageSchema = v.variant('type', [
  v.object({
    type: v.literal('start'),
    id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
    request: v.custom<ChatRequest>(
      (input) => typeof input === 'object' && input !== null && !Array.isArray(input),
      'the request must be a ChatRequest object',
    ),
  }),
  v.object({ type: v.literal('cancel'), id: v.string() }),
  v.object({ type: v.literal('subscribe'), topics: v.array(v.string()) }),
]);

export type ClientMessage = v.InferOutput<typeof ClientMessageSchema>;

export type ParsedMessage =
  | { ok: true; message: ClientMessage }
  | { ok: false; id: string; message: string };

/** Parses one text frame; a bad one gets an error that says what a good one looks like. */
export function parseClientMessage(text: string): ParsedMessage {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, id: '', message: 'The message is not valid JSON.' };
  }
  const result = v.safeParse(ClientMessageSchema, json);
  if (result.success) return { ok: true, message: result.output };
  const id = typeof json === 'object' && json !== null && 'id' in json ? json.id : '';
  const issue = result.issues[0];
  const field = issue ? v.getDotPath(issue) : null;
  return {
    ok: false,
    id: typeof id === 'string' ? id : '',
    message:
      `Invalid message${field ? ` at "${field}"` : ''}: ${issue?.message ?? 'unknown shape'}. ` +
      'Send {"type":"start","id","request"}, {"type":"cancel","id"} or {"type":"subscribe","topics":["calls"]}.',
  };
}
