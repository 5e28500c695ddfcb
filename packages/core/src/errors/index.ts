export { abortErrorFor } from './abort-error-for.js';
export * from './error-classes.js';
export { isNetworkFailure } from './is-network-failure.js';
export * from './map-http-error.js';
export { redactSecrets, scrubErrorSecrets } from './scrub-secrets.js';
export { StratumError, type StratumErrorCode, type StratumErrorOptions } from './stratum-error.js';
export { type UnexpectedErrorContext, unexpectedError } from './unexpected-error.js';
