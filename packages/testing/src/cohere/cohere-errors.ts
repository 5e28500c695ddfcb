import { randomUUID } from 'node:crypto';

/**
 * Cohere's error body is `{ "id": "…", "message": "…" }`
 * (https://docs.cohere.com/reference/errors); these are the messages it sends for each status.
 */
const MESSAGES: Readonly<Record<number, string>> = {
  400: 'invalid request: message must be at least 1 token long or tool results must be specified.',
  401: 'invalid api token',
  402: 'Please add or update your payment method at https://dashboard.cohere.com/billing',
  403: 'Forbidden: this API key is not allowed to use this model.',
  404: "model 'command-unknown' not found, make sure the correct model ID was used and that you have access to the model.",
  422: 'invalid request: unprocessable entity',
  429: "You are using a Trial key, which is limited to 20 API calls / minute. You can continue to use the Trial key for free or upgrade to a Production key with higher rate limits at 'https://dashboard.cohere.com/api-keys'.",
  498: 'invalid api token',
  500: 'internal server error, this has been reported to our developers.',
  503: 'service unavailable, please try again later.',
};

export function cohereErrorMessage(status: number): string {
  return MESSAGES[status] ?? `request failed with status ${status}`;
}

export function cohereErrorBody(status: number, message?: string): { id: string; message: string } {
  return { id: randomUUID(), message: message ?? cohereErrorMessage(status) };
}
