/**
 * Remembers the `thoughtSignature` Gemini attached to each streamed function call, by the
 * tool call id Stratum gave it, so the signature goes back with the call in the next turn
 * (https://ai.google.dev/gemini-api/docs/thought-signatures).
 *
 * Responses carry the signature on their tool-call parts (`providerOptions.google
 * .thoughtSignature`), so `response.content` sent back as the next assistant turn keeps it.
 * This store covers callers who rebuild the turn from `response.toolCalls`, which have no
 * provider options. Bounded, oldest first out.
 */
export class ThoughtSignatureStore {
  readonly #signatures = new Map<string, string>();
  readonly #capacity: number;

  constructor(capacity = 1_000) {
    this.#capacity = capacity;
  }

  remember(toolCallId: string, signature: string): void {
    this.#signatures.delete(toolCallId);
    this.#signatures.set(toolCallId, signature);
    if (this.#signatures.size > this.#capacity) {
      const oldest = this.#signatures.keys().next();
      if (!oldest.done) this.#signatures.delete(oldest.value);
    }
  }

  get(toolCallId: string): string | undefined {
    return this.#signatures.get(toolCallId);
  }
}
