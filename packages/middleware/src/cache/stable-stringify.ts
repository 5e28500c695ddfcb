/**
 * JSON with object keys sorted at every level, so two requests that differ only in key order
 * give the same text (and the same cache key). Like JSON.stringify, it drops undefined values
 * and functions from objects and calls `toJSON` where there is one.
 */
export function stableStringify(value: unknown): string {
  return write(value, 0) ?? 'null';
}

/** Deeper than any request: past it the value is taken to contain a cycle. */
const MAX_DEPTH = 200;

function write(value: unknown, depth: number): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return JSON.stringify(value.toString());
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value === null) return 'null';
  if (depth > MAX_DEPTH) {
    throw new TypeError('Cannot build a cache key from a request nested this deep (a cycle?).');
  }
  if ('toJSON' in value && typeof value.toJSON === 'function')
    return write(value.toJSON(), depth + 1);
  if (Array.isArray(value)) {
    let text = '[';
    for (let index = 0; index < value.length; index += 1) {
      if (index > 0) text += ',';
      text += write(value[index], depth + 1) ?? 'null';
    }
    return `${text}]`;
  }
  // Default sort compares UTF-16 code units, the same order for every run and every process.
  const keys = Object.keys(value);
  if (keys.length > 1) keys.sort();
  let text = '{';
  for (const key of keys) {
    const written = write(Reflect.get(value, key), depth + 1);
    if (written === undefined) continue;
    if (text.length > 1) text += ',';
    text += `${quoted(key)}:${written}`;
  }
  return `${text}}`;
}

/** Requests use a few dozen field names over and over: each is quoted once. */
const quotedKeys = new Map<string, string>();

function quoted(key: string): string {
  let text = quotedKeys.get(key);
  if (text === undefined) {
    text = JSON.stringify(key);
    if (quotedKeys.size < 1_000) quotedKeys.set(key, text);
  }
  return text;
}
