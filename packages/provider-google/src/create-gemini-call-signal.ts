/**
 * One call's abort signal: the request's signal (caller and per-request timeout, combined by
 * core) plus the provider's own `timeoutMs`. `abort()` closes the HTTP request when a stream
 * is left early or fails.
 */
export interface CallSignal {
  readonly signal: AbortSignal;
  timedOut(): boolean;
  abort(): void;
  dispose(): void;
}

export function createGeminiCallSignal(
  outer: AbortSignal | undefined,
  timeoutMs: number | undefined,
): CallSignal {
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) onAbort();
  else outer?.addEventListener('abort', onAbort, { once: true });
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeoutMs);
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    abort: () => controller.abort(),
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    },
  };
}
