import { chatRequestSchema } from './chat-request-schema.js';

/**
 * The commonest request, `{ model, messages }` with a few sampling numbers, checked by hand: it
 * passes `chatRequestSchema` exactly when this returns true, and a schema run on every call
 * costs more than the rest of the client's own work. Anything else (another field, a value of
 * another type or out of range) returns false and gets the full schema check with its message.
 * The messages themselves are checked one by one afterwards, as for every request.
 */
export function isPlainRequest(
  request: object,
): request is { model: string; messages: readonly object[] } {
  // A class instance may hold fields in accessors the loop below would not see.
  const prototype = Object.getPrototypeOf(request);
  if (prototype !== Object.prototype && prototype !== null) return false;
  // The two required fields first: a missing one is the schema's to report.
  if (!isModel(Reflect.get(request, 'model')) || !isMessages(Reflect.get(request, 'messages'))) {
    return false;
  }
  for (const key in request) {
    // An inherited field is read by the schema as well: leave such a request to it.
    if (!Object.hasOwn(request, key)) return false;
    const value: unknown = Reflect.get(request, key);
    if (value === undefined) continue;
    // Fields the schema does not know pass it untouched (a middleware's own options).
    if (!Object.hasOwn(chatRequestSchema.entries, key)) continue;
    const check = SIMPLE_FIELDS.get(key);
    if (!check?.(value)) return false;
  }
  return true;
}

function isModel(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0;
}

function isMessages(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0 && value.every(isPlainObject);
}

const SIMPLE_FIELDS = new Map<string, (value: unknown) => boolean>([
  // Checked before the loop; seen again there as own fields.
  ['model', () => true],
  ['messages', () => true],
  ['temperature', (value) => isNumberWithin(value, 0, 2)],
  ['topP', (value) => isNumberWithin(value, 0, 1)],
  ['maxOutputTokens', (value) => Number.isSafeInteger(value) && Number(value) >= 1],
  ['seed', (value) => Number.isSafeInteger(value)],
  ['includeRaw', (value) => typeof value === 'boolean'],
  ['parallelToolCalls', (value) => typeof value === 'boolean'],
]);

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNumberWithin(value: unknown, low: number, high: number): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= low && value <= high;
}
