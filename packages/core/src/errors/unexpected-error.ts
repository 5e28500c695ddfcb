import { StratumError } from './stratum-error.js';

export interface UnexpectedErrorContext {
  provider?: string | undefined;
  model?: string | undefined;
}

/**
 * An error that came neither from the vendor nor from the network (a TypeError inside a
 * provider's mapping, say) is a bug: it is not retryable, since the same request would fail
 * the same way, and it keeps the original error as `cause` for the stack trace.
 */
export function unexpectedError(error: unknown, context: UnexpectedErrorContext): StratumError {
  const where = context.model
    ? `${context.provider} (${context.model})`
    : (context.provider ?? 'the provider');
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new StratumError(
    `The call to ${where} failed inside Stratum, not at the vendor or on the network (${detail}). This is a bug in Stratum or its provider package; please report it with this message and the stack trace of error.cause. Retrying will not help.`,
    { provider: context.provider, model: context.model, retryable: false, cause: error },
  );
}
