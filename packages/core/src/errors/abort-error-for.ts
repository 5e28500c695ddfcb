import { AbortError } from './error-classes.js';
import { StratumError } from './stratum-error.js';

/**
 * The error a call ends with when its signal fired: the Stratum error the signal was aborted
 * with (a timeout middleware aborts with its TimeoutError) as it is, otherwise an AbortError
 * naming the call. Providers, middleware and core all raise it the same way.
 */
export function abortErrorFor(
  reason: unknown,
  call: { provider: string; model: string; id?: string },
): StratumError {
  if (StratumError.is(reason)) return reason;
  return new AbortError(
    `The call to ${call.id ?? `${call.provider}/${call.model}`} was aborted by its signal.`,
    { provider: call.provider, model: call.model, cause: reason },
  );
}
