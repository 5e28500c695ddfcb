/**
 * Every error Stratum raises. Identity checks (`instanceof`, `StratumError.is`) go through a
 * global symbol brand and the error's `code`, so they hold across duplicate copies of this
 * package in one process (two versions installed side by side).
 */
const BRAND = Symbol.for('@stratum/core/error');

export type StratumErrorCode =
  | 'authentication'
  | 'permission_denied'
  | 'rate_limit'
  | 'model_not_found'
  | 'context_length_exceeded'
  | 'content_filter'
  | 'invalid_request'
  | 'timeout'
  | 'provider_unavailable'
  | 'conflict'
  | 'abort'
  | 'configuration'
  | 'invalid_response'
  | 'budget_exceeded'
  | 'unknown';

export interface StratumErrorOptions {
  provider?: string;
  model?: string;
  status?: number;
  retryable?: boolean;
  retryAfterMs?: number;
  cause?: unknown;
  /** The vendor's own error type or code (`rate_limit_exceeded`, `overloaded_error`). */
  vendorCode?: string;
  /** Response headers that matter for handling (rate-limit resets), lower-cased names. */
  headers?: Record<string, string>;
}

export class StratumError extends Error {
  static readonly code: StratumErrorCode = 'unknown';
  static readonly defaultRetryable: boolean = false;

  readonly code: StratumErrorCode;
  readonly provider: string | undefined;
  readonly model: string | undefined;
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly vendorCode: string | undefined;
  readonly headers: Record<string, string> | undefined;
  declare readonly [BRAND]: true;

  constructor(message: string, options: StratumErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const ownClass = new.target as typeof StratumError;
    this.name = ownClass.name;
    this.code = ownClass.code;
    this.provider = options.provider;
    this.model = options.model;
    this.status = options.status;
    this.retryable = options.retryable ?? ownClass.defaultRetryable;
    this.retryAfterMs = options.retryAfterMs;
    this.vendorCode = options.vendorCode;
    this.headers = options.headers;
    Object.defineProperty(this, BRAND, { value: true, enumerable: false });
  }

  /** True for a Stratum error of this class (or a subclass), from any copy of the package. */
  static is<T extends typeof StratumError>(this: T, value: unknown): value is InstanceType<T> {
    if (typeof value !== 'object' || value === null) return false;
    if ((value as { [BRAND]?: unknown })[BRAND] !== true) return false;
    if (this.code === 'unknown') return true;
    return codesOf(value).includes(this.code);
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return StratumError.is.call(this, value);
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      provider: this.provider,
      model: this.model,
      status: this.status,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
      vendorCode: this.vendorCode,
    };
  }
}

/** The error's own code plus its parents' codes, so `InvalidRequestError.is` matches subclasses. */
function codesOf(value: object): StratumErrorCode[] {
  const codes: StratumErrorCode[] = [];
  let prototype: unknown = Object.getPrototypeOf(value);
  while (prototype && prototype !== Error.prototype) {
    const constructor = (prototype as { constructor?: { code?: StratumErrorCode } }).constructor;
    if (constructor?.code) codes.push(constructor.code);
    prototype = Object.getPrototypeOf(prototype);
  }
  const own = (value as { code?: StratumErrorCode }).code;
  if (own && !codes.includes(own)) codes.push(own);
  return codes;
}
