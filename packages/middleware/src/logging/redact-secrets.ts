/**
 * Scrubs API keys from anything about to be logged or traced: known key shapes inside any
 * string (OpenAI `sk-`, Anthropic `sk-ant-`, Google `AIza`, Groq `gsk_`, xAI `xai-`, bearer
 * tokens, key query parameters in URLs), and every value under a key-like field name
 * (`authorization`, `x-api-key`, `api-key`, `x-goog-api-key`, `apiKey`, `secret`, `password`…),
 * at any depth. Returns a copy; the input is not changed.
 */
export const REDACTED = '[REDACTED]';

const SECRET_PATTERNS: readonly RegExp[] = [
  // Anthropic before OpenAI: both start with sk-.
  /\bsk-ant-[A-Za-z0-9_-]{8,}/g,
  /\bsk-[A-Za-z0-9_-]{16,}/g,
  /\bAIza[0-9A-Za-z_-]{20,}/g,
  /\bgsk_[A-Za-z0-9]{16,}/g,
  /\bxai-[A-Za-z0-9_-]{16,}/g,
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
];

/** `?key=...`, `&api_key=...` and the like in URLs (Gemini takes its key as `?key=`). */
const KEY_QUERY_PARAMETER =
  /([?&](?:key|api[-_]?key|apikey|access[-_]?token|token|auth|signature|sig)=)[^&#\s"']+/gi;

const SECRET_FIELD =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|x-goog-api-key|apikey|api_key|ocp-apim-subscription-key|password|passwd|secret|client[-_]?secret|access[-_]?token|refresh[-_]?token|id[-_]?token|session[-_]?token|auth[-_]?token|bearer[-_]?token|private[-_]?key)$|(api[-_]?key|secret|password)$/i;

const MAX_DEPTH = 20;

export function redactSensitiveValues(value: unknown): unknown {
  return redact(value, []);
}

/** `redactSensitiveValues` for a record, keeping its type: for log events and span attributes. */
export function redactRecord(record: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const ancestors: object[] = [record];
  for (const key of Object.keys(record)) {
    const item = record[key];
    result[key] = item !== undefined && isSecretField(key) ? REDACTED : redact(item, ancestors);
  }
  return result;
}

/**
 * `redactRecord` for a record whose own field names are known not to name secrets (the log
 * event, whose fields this package names): only the values are scrubbed, and numbers, booleans
 * and strings without a key shape come through without a copy.
 */
export function redactValues(record: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const ancestors: object[] = [record];
  for (const key of Object.keys(record)) {
    const item = record[key];
    result[key] =
      typeof item === 'object' && item !== null
        ? redact(item, ancestors)
        : typeof item === 'string'
          ? redactString(item)
          : item;
  }
  return result;
}

/** Field names repeat from event to event: remember the verdicts (a few hundred names at most). */
const fieldVerdicts = new Map<string, boolean>();

/** True for field names whose values are secrets whatever they look like. */
export function isSecretField(name: string): boolean {
  let verdict = fieldVerdicts.get(name);
  if (verdict === undefined) {
    verdict = SECRET_FIELD.test(name);
    if (fieldVerdicts.size < 1_000) fieldVerdicts.set(name, verdict);
  }
  return verdict;
}

/** Cheap test for anything the patterns below could match, so most strings skip them. */
const MAYBE_SECRET = /sk-|AIza|gsk_|xai-|bearer|basic|[?&][\w-]+=/i;

/** Replaces key shapes inside one string. */
export function redactString(text: string): string {
  if (!MAYBE_SECRET.test(text)) return text;
  let result = text;
  for (const pattern of SECRET_PATTERNS) {
    result = result.replace(pattern, (match, scheme: unknown) =>
      typeof scheme === 'string' && match.toLowerCase().startsWith(scheme.toLowerCase())
        ? `${scheme} ${REDACTED}`
        : REDACTED,
    );
  }
  return result.replace(KEY_QUERY_PARAMETER, `$1${REDACTED}`);
}

/** `ancestors` holds the objects above this one: a cycle check and a depth bound in one. */
function redact(value: unknown, ancestors: object[]): unknown {
  if (typeof value === 'string') return redactString(value);
  if (typeof value !== 'object' || value === null) return value;
  if (ancestors.length >= MAX_DEPTH) return '[Truncated]';
  if (ancestors.includes(value)) return '[Circular]';
  ancestors.push(value);
  const result = redactObject(value, ancestors);
  ancestors.pop();
  return result;
}

function redactObject(value: object, ancestors: object[]): unknown {
  if (Array.isArray(value)) return value.map((item) => redact(item, ancestors));
  // Log events are mostly plain records: skip the class checks below for them.
  const prototype = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) return redactPlain(value, ancestors);
  if (value instanceof Error) return redactError(value, ancestors);
  if (typeof Headers !== 'undefined' && value instanceof Headers) {
    const headers: Record<string, string> = {};
    value.forEach((item, key) => {
      headers[key] = isSecretField(key) ? REDACTED : redactString(item);
    });
    return headers;
  }
  if (value instanceof URL) return redactString(value.href);
  if (value instanceof Date) return value.toISOString();
  return redactPlain(value, ancestors);
}

function redactPlain(value: object, ancestors: object[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item: unknown = Reflect.get(value, key);
    result[key] = item !== undefined && isSecretField(key) ? REDACTED : redact(item, ancestors);
  }
  return result;
}

function redactError(error: Error, ancestors: object[]): Record<string, unknown> {
  const result: Record<string, unknown> = {
    name: error.name,
    message: redactString(error.message),
  };
  for (const [key, item] of Object.entries(error)) {
    result[key] = isSecretField(key) ? REDACTED : redact(item, ancestors);
  }
  if (error.cause !== undefined) result['cause'] = redact(error.cause, ancestors);
  return result;
}
