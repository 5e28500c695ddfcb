import { AbortError, StratumError } from '@stratum/core';

/** The error an aborted call ends with: the signal's own Stratum reason (a timeout) or an AbortError. */
export function abortErrorFor(signal: AbortSignal, provider: string, model: string): StratumError {
  if (StratumError.is(signal.reason)) return signal.reason;
  return new AbortError(`The call to ${provider}/${model} was aborted by its signal.`, {
    provider,
    model,
    cause: signal.reason,
  });
}

/** Waits `milliseconds`, rejecting as soon as `signal` aborts (at once when it already has). */
export function abortableDelay(
  milliseconds: number | undefined,
  signal: AbortSignal | undefined,
  provider: string,
  model: string,
): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortErrorFor(signal, provider, model));
  if (!milliseconds) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      if (signal) reject(abortErrorFor(signal, provider, model));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, milliseconds);
    signal?.addEventListener('abort', abort, { once: true });
  });
}
