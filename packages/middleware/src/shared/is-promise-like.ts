/**
 * True for a promise or any thenable. Stores may answer synchronously (the memory stores) or
 * not (Redis): awaiting a plain value still costs a turn of the microtask queue, so callers on
 * the hot path await only what needs it.
 */
export function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return (
    typeof value === 'object' &&
    value !== null &&
    'then' in value &&
    typeof value.then === 'function'
  );
}
