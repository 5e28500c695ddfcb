import { type ChatRequest, validateChatRequest } from '@stratum/core';
import type { Context } from 'hono';
import { GatewayError } from '../errors/gateway-error.js';

/** The JSON body of a request: 415 for another content type, 400 when it does not parse. */
export async function readJsonBody(context: Context): Promise<unknown> {
  checkContentType(context.req.header('content-type'));
  return readJson(() => context.req.json());
}

/**
 * A Stratum `ChatRequest` body, checked by core before anything else reads it: an
 * InvalidRequestError naming the field (answered 400) for one that does not fit.
 */
export async function readChatRequest(context: Context): Promise<ChatRequest> {
  const body = await readJsonBody(context);
  validateChatRequest(body);
  return body;
}

function checkContentType(contentType: string | undefined): void {
  if (!/^application\/json\b/i.test(contentType ?? '')) {
    throw new GatewayError('Send the body as JSON with content-type: application/json.', {
      status: 415,
      type: 'invalid_request_error',
      code: 'unsupported_media_type',
    });
  }
}

async function readJson(read: () => Promise<unknown>): Promise<unknown> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof GatewayError) throw error;
    throw new GatewayError('The body is not valid JSON.', {
      status: 400,
      type: 'invalid_request_error',
      code: 'invalid_json',
    });
  }
}
