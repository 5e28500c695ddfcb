import { StratumError } from '@stratum/core';
import { CIRCUIT_OPEN } from '../circuit-breaker/circuit-breaker-middleware.js';
import { redactString } from '../logging/redact-secrets.js';
import type { HealthEntry } from './health-types.js';

/** Stands for a stream the caller stopped reading: neither a success nor a failure. */
export const CANCELLED = Symbol('cancelled');

/** Whether the failure came from the vendor, rather than from a refusal or a cancel in this process. */
export function reachedVendor(error: unknown): boolean {
  if (error === CANCELLED) return false;
  if (!StratumError.is(error)) return true;
  if (error.code === 'abort') return false;
  const vendorCode = error.vendorCode ?? '';
  return vendorCode !== CIRCUIT_OPEN && !vendorCode.startsWith('client_rate_limit');
}

export function errorClassOf(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

export function describeError(error: unknown, at: number): NonNullable<HealthEntry['lastError']> {
  return {
    errorClass: errorClassOf(error),
    message: redactString(error instanceof Error ? error.message : String(error)),
    status: StratumError.is(error) ? error.status : undefined,
    at,
  };
}
