const REDACTED = '[redacted]';

/** Replaces every occurrence of each secret (API keys, tokens) in `text`. */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let result = text;
  for (const secret of secrets) {
    // Short values (a test's "k") would blank out ordinary words; real keys are long.
    if (secret && secret.length >= 8) result = result.split(secret).join(REDACTED);
  }
  return result;
}

/**
 * Removes secrets from an error before it leaves a provider: from its message and from the
 * chain of causes (a vendor that echoes the key puts it in the SDK error kept as `cause`).
 * The error is changed in place and returned.
 */
export function scrubErrorSecrets<T>(error: T, secrets: ReadonlyArray<string | undefined>): T {
  if (!secrets.some((secret) => secret && secret.length >= 8)) return error;
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    const scrubbed = redactSecrets(current.message, secrets);
    if (scrubbed !== current.message) current.message = scrubbed;
    if (current.stack) current.stack = redactSecrets(current.stack, secrets);
    const next: unknown = current.cause;
    if (typeof next === 'string') {
      Object.defineProperty(current, 'cause', {
        value: redactSecrets(next, secrets),
        configurable: true,
        writable: true,
      });
    }
    current = next;
  }
  return error;
}
