import { ProviderUnavailableError, StratumError } from '@stratum/core';
import { describe, expect, it } from 'vitest';

/** Failures of the network as Node's fetch (undici) and http raise them. */
const NETWORK_FAILURES: Array<[string, () => Error]> = [
  [
    'fetch failed (ECONNREFUSED)',
    () =>
      new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
          code: 'ECONNREFUSED',
        }),
      }),
  ],
  ['a reset socket', () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
  ['socket hang up', () => new Error('socket hang up')],
  [
    'a body cut by the server (terminated)',
    () =>
      new TypeError('terminated', {
        cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
      }),
  ],
];

/**
 * A provider's error mapping tells outages from bugs: a TypeError thrown inside the provider
 * is a non-retryable error that keeps its cause and asks to be reported, never a
 * ProviderUnavailableError telling the user to check the network; real network failures stay
 * retryable ProviderUnavailableErrors.
 */
export function describeErrorMappingContract(
  provider: string,
  mapError: (error: unknown) => unknown,
): void {
  describe(`${provider} error mapping: bugs against network failures`, () => {
    it('reports a TypeError from inside the provider as a non-retryable bug, keeping its cause', () => {
      const bug = new TypeError("Cannot read properties of undefined (reading 'parts')");
      const mapped = mapError(bug);
      expect(StratumError.is(mapped)).toBe(true);
      expect(ProviderUnavailableError.is(mapped)).toBe(false);
      expect(StratumError.is(mapped) && mapped.retryable).toBe(false);
      expect(mapped instanceof Error && mapped.cause).toBe(bug);
      const message = mapped instanceof Error ? mapped.message : '';
      expect(message).toContain("reading 'parts'");
      expect(message).toMatch(/bug/i);
      expect(message).not.toMatch(/check the network/i);
    });

    it.each(NETWORK_FAILURES)('keeps %s a retryable ProviderUnavailableError', (_name, make) => {
      const mapped = mapError(make());
      expect(ProviderUnavailableError.is(mapped)).toBe(true);
      expect(StratumError.is(mapped) && mapped.retryable).toBe(true);
    });
  });
}
