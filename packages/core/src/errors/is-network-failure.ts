/**
 * Error codes Node and undici give a failure of the network itself: the connection could not
 * be made, was refused, reset or cut, or the name did not resolve.
 * https://nodejs.org/api/errors.html#common-system-errors, https://undici.nodejs.org/#/docs/api/Errors
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/**
 * What fetch (undici) and Node's http say when the network fails without a code on the error
 * itself: `fetch failed` (the code is on its cause), `terminated` (the body was cut), `socket
 * hang up`, `other side closed`.
 */
const NETWORK_MESSAGES = /^(fetch failed|terminated|socket hang up|other side closed)$/i;

/**
 * Whether an error, or one in its `cause` chain (or an AggregateError's `errors`, as when
 * `localhost` resolves to both ::1 and 127.0.0.1), is a failure of the network. Only those
 * are outages worth retrying; any other error thrown during a call is a bug.
 */
export function isNetworkFailure(error: unknown, depth = 0): boolean {
  if (depth > 6 || typeof error !== 'object' || error === null) return false;
  const code: unknown = Reflect.get(error, 'code');
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
  const message: unknown = Reflect.get(error, 'message');
  if (typeof message === 'string' && NETWORK_MESSAGES.test(message.trim())) return true;
  const errors: unknown = Reflect.get(error, 'errors');
  if (Array.isArray(errors) && errors.some((inner) => isNetworkFailure(inner, depth + 1))) {
    return true;
  }
  return isNetworkFailure(Reflect.get(error, 'cause'), depth + 1);
}
