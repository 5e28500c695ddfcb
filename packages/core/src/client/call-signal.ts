import { abortErrorFor } from '../errors/abort-error-for.js';
import {
  ConfigurationError,
  ProviderUnavailableError,
  TimeoutError,
} from '../errors/error-classes.js';
import { isNetworkFailure } from '../errors/is-network-failure.js';
import { StratumError } from '../errors/stratum-error.js';
import { unexpectedError } from '../errors/unexpected-error.js';
import type { ResolvedModel } from './middleware.js';

export interface CallSignal {
  signal: AbortSignal | undefined;
  /** Turns whatever the provider threw into the right Stratum error. */
  toError(error: unknown): StratumError;
  dispose(): void;
}

/**
 * Combines the caller's signal with `timeoutMs`, so the provider aborts the HTTP request on
 * either, and tells the two apart afterwards (AbortError versus TimeoutError).
 */
export function createCallSignal(
  model: ResolvedModel,
  signal: AbortSignal | undefined,
  timeoutMs: number | undefined,
): CallSignal {
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let combined = signal;
  if (timeoutMs !== undefined) {
    if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      throw new ConfigurationError(
        `timeoutMs must be a positive number of milliseconds, got ${String(timeoutMs)}. Leave it out for no timeout.`,
        { provider: model.provider, model: model.name },
      );
    }
    const controller = new AbortController();
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort(
        new TimeoutError(
          `${model.id} did not finish within ${timeoutMs} ms. Raise timeoutMs or retry.`,
          { provider: model.provider, model: model.name },
        ),
      );
    }, timeoutMs);
    combined = signal ? AbortSignal.any([signal, controller.signal]) : controller.signal;
  }
  return {
    signal: combined,
    toError(error) {
      if (timedOut) {
        return new TimeoutError(
          `${model.id} did not finish within ${timeoutMs} ms. Raise timeoutMs, or retry.`,
          {
            provider: model.provider,
            model: model.name,
            cause: error,
          },
        );
      }
      if (signal?.aborted) {
        if (StratumError.is(error) && error.code === 'abort') return error;
        return abortErrorFor(signal.reason ?? error, {
          provider: model.provider,
          model: model.name,
          id: model.id,
        });
      }
      if (StratumError.is(error)) return error;
      const where = { provider: model.provider, model: model.name };
      // Only the network failing is an outage; anything else a provider let through is a bug.
      if (!isNetworkFailure(error)) return unexpectedError(error, where);
      const message = error instanceof Error ? error.message : String(error);
      return new ProviderUnavailableError(
        `The call to ${model.id} failed on the network (${message}). Check the network and the provider's baseURL, then retry.`,
        { ...where, cause: error },
      );
    },
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
