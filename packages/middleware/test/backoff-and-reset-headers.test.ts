import { parseResetDuration } from '@stratum/core/provider-kit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeBackoffDelay, readRateLimitReset } from '../src/index.js';

describe('computeBackoffDelay', () => {
  it('stays in [0, min(max, base * 2^(attempt-1))) for any attempt and random draw', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 120_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, baseDelayMs, maxDelayMs, draw) => {
          const delay = computeBackoffDelay(attempt, {
            baseDelayMs,
            maxDelayMs,
            random: () => draw,
          });
          const window = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
          return Number.isInteger(delay) && delay >= 0 && delay < window;
        },
      ),
    );
  });

  it('uses the whole window (full jitter), not just its upper half', () => {
    const settings = { baseDelayMs: 1_000, maxDelayMs: 60_000 };
    expect(computeBackoffDelay(3, { ...settings, random: () => 0 })).toBe(0);
    expect(computeBackoffDelay(3, { ...settings, random: () => 0.25 })).toBe(1_000);
    expect(computeBackoffDelay(3, { ...settings, random: () => 0.999 })).toBe(3_996);
  });
});

describe('parseResetDuration', () => {
  it.each([
    ['6m0s', 360_000],
    ['1.5s', 1_500],
    ['20ms', 20],
    ['1h2m3.5s', 3_723_500],
    ['2m59.56s', 179_560],
    ['500us', 1],
    ['7', 7_000],
    ['0s', 0],
  ])('reads %s as %i ms', (text, milliseconds) => {
    expect(parseResetDuration(text)).toBe(milliseconds);
  });

  it.each(['', 'soon', '5 s', '1x', 's5'])('refuses %j', (text) => {
    expect(parseResetDuration(text)).toBeUndefined();
  });
});

describe('readRateLimitReset', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('waits for the exhausted limit only', () => {
    expect(
      readRateLimitReset({
        'x-ratelimit-remaining-requests': '0',
        'x-ratelimit-reset-requests': '2s',
        'x-ratelimit-remaining-tokens': '9000',
        'x-ratelimit-reset-tokens': '6m0s',
      }),
    ).toBe(2_000);
  });

  it('waits for all exhausted limits', () => {
    expect(
      readRateLimitReset(
        {
          'anthropic-ratelimit-input-tokens-remaining': '0',
          'anthropic-ratelimit-input-tokens-reset': '2026-01-01T00:00:05Z',
          'anthropic-ratelimit-output-tokens-remaining': '0',
          'anthropic-ratelimit-output-tokens-reset': '2026-01-01T00:00:12Z',
          'anthropic-ratelimit-requests-remaining': '40',
          'anthropic-ratelimit-requests-reset': '2026-01-01T00:01:00Z',
        },
        now,
      ),
    ).toBe(12_000);
  });

  it('takes the soonest reset when the remaining counts are missing', () => {
    expect(
      readRateLimitReset({
        'x-ratelimit-reset-requests': '3s',
        'x-ratelimit-reset-tokens': '800ms',
      }),
    ).toBe(800);
  });

  it('says nothing when no limit is exhausted or the headers are absent', () => {
    expect(
      readRateLimitReset({
        'x-ratelimit-remaining-requests': '3',
        'x-ratelimit-reset-requests': '3s',
      }),
    ).toBeUndefined();
    expect(readRateLimitReset({})).toBeUndefined();
    expect(readRateLimitReset(undefined)).toBeUndefined();
  });

  it('treats a reset time in the past as no wait', () => {
    expect(
      readRateLimitReset(
        {
          'anthropic-ratelimit-tokens-remaining': '0',
          'anthropic-ratelimit-tokens-reset': '2025-12-31T23:59:00Z',
        },
        now,
      ),
    ).toBe(0);
  });
});
