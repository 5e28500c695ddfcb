import { createHash } from 'node:crypto';

const MISTRAL_ID = /^[a-zA-Z0-9]{9}$/;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * Mistral accepts only tool-call ids of nine characters from a-z, A-Z, 0-9, in assistant
 * `tool_calls` and in tool messages alike (its own ids, like `gSIMJiOkT`, already are). Ids
 * from elsewhere (`call_abc123…` from OpenAI, `toolu_…` from Anthropic) are mapped to nine
 * characters derived from a hash of the id, so the same id maps the same way in every request
 * of a conversation and a call and its result keep matching.
 */
export class MistralToolCallIds {
  #byOriginal = new Map<string, string>();
  #taken = new Set<string>();

  map(id: string): string {
    if (MISTRAL_ID.test(id)) {
      this.#taken.add(id);
      return id;
    }
    const known = this.#byOriginal.get(id);
    if (known) return known;
    let candidate = shortId(id);
    for (let attempt = 1; this.#taken.has(candidate); attempt += 1) {
      candidate = shortId(`${id}#${attempt}`);
    }
    this.#byOriginal.set(id, candidate);
    this.#taken.add(candidate);
    return candidate;
  }
}

function shortId(id: string): string {
  const digest = createHash('sha256').update(id).digest();
  let result = '';
  for (let index = 0; index < 9; index += 1)
    result += ALPHABET[(digest[index] ?? 0) % ALPHABET.length];
  return result;
}
