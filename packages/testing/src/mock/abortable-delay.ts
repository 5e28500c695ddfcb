import { abortErrorFor } from '@stratum/core';

/** Waits `milliseconds`, rejecting as soon as `signal` aborts (at once when it already has). */
export function abortableDelay(
  milliseconds: number | undefined,
  signal: AbortSignal | undefined,
  provider: string,
  model: string,
): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortErrorFor(signal.reason, { provider, model }));
  if (!milliseconds) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      if (signal) reject(abortErrorFor(signal.reason, { provider, model }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, milliseconds);
    signal?.addEventListener('abort', abort, { once: true });
  });
}
