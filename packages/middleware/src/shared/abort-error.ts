import { AbortError, type CallContext, StratumError } from '@stratum/core';

/** The caller's signal fired while a middleware was waiting: the typed error core would raise. */
export function abortErrorFor(context: CallContext, reason: unknown): StratumError {
  if (StratumError.is(reason)) return reason;
  return new AbortError(`The call to ${context.model.id} was aborted by its signal.`, {
    provider: context.model.provider,
    model: context.model.name,
    cause: reason,
  });
}
