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
    // biome-ignore lint/complexity/noThisInStatic: the class `is` is called on decides the code to match.
    return hasCode(value, this.code);
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `instanceof X` must match X's code, not the base's.
    return hasCode(value, this.code);
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

/** Whether `value` is a branded Stratum error whose class (or a parent class) has `code`. */
function hasCode(value: unknown, code: StratumErrorCode): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Reflect.get(value, BRAND) !== true) return false;
  return code === 'unknown' || codesOf(value).includes(code);
}

function isErrorCode(value: unknown): value is StratumErrorCode {
  return typeof value === 'string' && value !== '';
}

/** The error's own code plus its parents' codes, so `InvalidRequestError.is` matches subclasses. */
function codesOf(value: object): StratumErrorCode[] {
  const codes: StratumErrorCode[] = [];
  let prototype: unknown = Object.getPrototypeOf(value);
  while (typeof prototype === 'object' && prototype !== null && prototype !== Error.prototype) {
    const owner: unknown = Reflect.get(prototype, 'constructor');
    const code: unknown = typeof owner === 'function' ? Reflect.get(owner, 'code') : undefined;
    if (isErrorCode(code)) codes.push(code);
    prototype = Object.getPrototypeOf(prototype);
  }
  const own: unknown = Reflect.get(value, 'code');
  if (isErrorCode(own) && !codes.includes(own)) codes.push(own);
  return codes;
}
