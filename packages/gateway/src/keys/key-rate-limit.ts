import { createMemoryRateLimitStore, type RateLimitStore } from '@stratum/middleware';
import { GatewayError } from '../errors/gateway-error.js';
import type { CallerKey } from './gateway-keys.js';

/**
 * Each key's calls per minute, as a token bucket in a rate-limit store (shared between
 * gateway processes when the store is Redis). Over the limit is a 429 with `retry-after`, as
 * OpenAI answers it, before anything reaches a vendor.
 */
export function keyRateLimiter(
  store: RateLimitStore = createMemoryRateLimitStore(),
): (caller: CallerKey) => Promise<void> {
  return async (caller) => {
    const rate = caller.requestsPerMinute;
    if (rate === undefined) return;
    const decision = await store.acquire(`stratum:gateway-key:${caller.id}`, [
      { bucket: 'requests', capacity: rate, refillPerMs: rate / 60_000, amount: 1 },
    ]);
    if (decision.ok) return;
    throw new GatewayError(
      `The key ${caller.id} is over its rate limit of ${rate} calls per minute; retry after the retry-after header's seconds.`,
      {
        status: 429,
        type: 'rate_limit_error',
        code: 'rate_limit_exceeded',
        headers: { 'retry-after': String(Math.max(1, Math.ceil(decision.retryInMs / 1000))) },
      },
    );
  };
}
