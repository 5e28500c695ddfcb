import { StratumError, type StratumErrorCode } from './stratum-error.js';

/** 401: the API key is missing, wrong or revoked. */
export class AuthenticationError extends StratumError {
  static override readonly code: StratumErrorCode = 'authentication';
}

/** 403: the key is valid but may not use this model or resource. */
export class PermissionDeniedError extends StratumError {
  static override readonly code: StratumErrorCode = 'permission_denied';
}

/** 429: slow down; `retryAfterMs` says for how long when the vendor told us. */
export class RateLimitError extends StratumError {
  static override readonly code: StratumErrorCode = 'rate_limit';
  static override readonly defaultRetryable = true;
}

/** 404: the model (or deployment) does not exist for this key. */
export class ModelNotFoundError extends StratumError {
  static override readonly code: StratumErrorCode = 'model_not_found';
  /** Known ids closest to the one asked for. */
  readonly suggestions: string[];
  constructor(
    message: string,
    options: ConstructorParameters<typeof StratumError>[1] & { suggestions?: string[] } = {},
  ) {
    super(message, options);
    this.suggestions = options.suggestions ?? [];
  }
}

/** The prompt plus the requested output do not fit the model's context window. */
export class ContextLengthExceededError extends StratumError {
  static override readonly code: StratumErrorCode = 'context_length_exceeded';
}

/** The vendor's safety system blocked the prompt or the reply. */
export class ContentFilterError extends StratumError {
  static override readonly code: StratumErrorCode = 'content_filter';
}

/** 400/413/422: the request is malformed or uses a setting the model rejects. */
export class InvalidRequestError extends StratumError {
  static override readonly code: StratumErrorCode = 'invalid_request';
}

/** The call (or one attempt) took longer than allowed; 408 from the vendor. */
export class TimeoutError extends StratumError {
  static override readonly code: StratumErrorCode = 'timeout';
  static override readonly defaultRetryable = true;
}

/** 5xx, overloaded (Anthropic 529) or a network failure. */
export class ProviderUnavailableError extends StratumError {
  static override readonly code: StratumErrorCode = 'provider_unavailable';
  static override readonly defaultRetryable = true;
}

/** 409: the vendor saw a conflicting concurrent request; safe to retry. */
export class ConflictError extends StratumError {
  static override readonly code: StratumErrorCode = 'conflict';
  static override readonly defaultRetryable = true;
}

/** The caller's AbortSignal fired. */
export class AbortError extends StratumError {
  static override readonly code: StratumErrorCode = 'abort';
}

/** Stratum is set up wrongly: a missing API key, an unregistered provider, a bad option. */
export class ConfigurationError extends StratumError {
  static override readonly code: StratumErrorCode = 'configuration';
}

/** The vendor sent something that cannot be read (a malformed stream chunk, a bad body). */
export class InvalidResponseError extends StratumError {
  static override readonly code: StratumErrorCode = 'invalid_response';
  static override readonly defaultRetryable = true;
}

/** Which budget blocked a call, and where it stood (amounts in US dollars). */
export interface BudgetExceededDetails {
  /** The budget's name and scope, e.g. `monthly` or `per-user:user=alice`. */
  scope: string;
  limitUsd: number;
  /** Settled spend in the current period. */
  spentUsd: number;
  /** Held by calls still running. */
  reservedUsd: number;
  /** What this call would have reserved. */
  requestedUsd: number;
  /** When the period starts over (`Date.now()` clock); undefined for a `total` budget. */
  resetsAt: number | undefined;
}

/** A spending limit would be exceeded by this call. Not retryable: the limit stands until it resets. */
export class BudgetExceededError extends StratumError {
  static override readonly code: StratumErrorCode = 'budget_exceeded';
  /** Set when a budget of `@stratum/tracker` blocked the call. */
  readonly budget: BudgetExceededDetails | undefined;
  constructor(
    message: string,
    options: ConstructorParameters<typeof StratumError>[1] & {
      budget?: BudgetExceededDetails;
    } = {},
  ) {
    super(message, options);
    this.budget = options.budget;
  }
}
