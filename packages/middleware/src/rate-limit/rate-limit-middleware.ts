import {
  abortErrorFor,
  type CallContext,
  type ChatResponse,
  ConfigurationError,
  FusedStream,
  type Middleware,
  type StreamEvent,
} from '@stratum/core';
import { isPromiseLike } from '../shared/is-promise-like.js';
import { AdmissionQueue } from './admission-queue.js';
import { estimateRequestTokens, type TokenEstimator } from './estimate-request-tokens.js';
import { createMemoryRateLimitStore } from './memory-rate-limit-store.js';
import type { RateLimitDemand, RateLimitStore } from './rate-limit-store.js';

export interface RateLimits {
  requestsPerMinute?: number;
  tokensPerMinute?: number;
}

export interface RateLimitOptions extends RateLimits {
  /** One limit per provider, or one per model (default, as vendors count). */
  per?: 'provider' | 'model';
  /** Limits for particular keys (a provider name or a `provider/model` id, as `per` says). */
  limits?: Record<string, RateLimits>;
  /**
   * How many seconds' worth of the limit may go out at once (default 60: the whole minute's
   * allowance, as vendors' own buckets allow). Lower it when a vendor enforces its per-minute
   * limit over shorter intervals.
   */
  burstSeconds?: number;
  /** Calls that may wait for a slot in this process, per key (default 1000); more are refused. */
  maxQueue?: number;
  /** Longest wait for a slot (default 60 s). */
  queueTimeoutMs?: number;
  /** Where the buckets live (default: this process's memory). */
  store?: RateLimitStore;
  /** Tokens a request is expected to use; corrected with the real usage afterwards. */
  estimateTokens?: TokenEstimator;
  /** Prefix of the store keys, to keep apart clients that must not share limits. */
  keyPrefix?: string;
}

/**
 * Client-side requests-per-minute and tokens-per-minute limits, so an app slows itself down
 * instead of collecting 429s. Calls over the limit wait in a bounded queue; one that waits too
 * long, or finds the queue full, gets a RateLimitError that says the client-side limiter
 * refused it. With `createRedisRateLimitStore` every process of an app shares one limit.
 *
 * Token demand is estimated before the call and corrected with the reported usage after it.
 * Put it after `retry`, so each attempt takes a slot as the vendor counts it.
 */
export function rateLimit(options: RateLimitOptions): Middleware {
  const per = options.per ?? 'model';
  const burstSeconds = options.burstSeconds ?? 60;
  const maxQueue = options.maxQueue ?? 1_000;
  const queueTimeoutMs = options.queueTimeoutMs ?? 60_000;
  const store = options.store ?? createMemoryRateLimitStore();
  const estimate = options.estimateTokens ?? estimateRequestTokens;
  const keyPrefix = options.keyPrefix ?? '';
  validate(options, burstSeconds, maxQueue, queueTimeoutMs);
  const queues = new Map<string, AdmissionQueue>();

  // The limits are fixed when the middleware is made: each key's buckets are worked out once.
  const bucketsByKey = new Map<string, Buckets>();
  function bucketsFor(key: string): Buckets {
    let buckets = bucketsByKey.get(key);
    if (!buckets) {
      buckets = limitsFor(key);
      // Keys are providers or model ids; the bound only guards against ids made per request.
      if (bucketsByKey.size < 10_000) bucketsByKey.set(key, buckets);
    }
    return buckets;
  }

  function limitsFor(key: string): Buckets {
    const limits = { ...pick(options), ...options.limits?.[key] };
    const bucket = (name: RateLimitDemand['bucket'], perMinute: number | undefined) =>
      perMinute === undefined
        ? undefined
        : {
            bucket: name,
            capacity: Math.max(1, (perMinute * burstSeconds) / 60),
            refillPerMs: perMinute / 60_000,
            amount: 0,
          };
    const requests = bucket('requests', limits.requestsPerMinute);
    return {
      // A call takes one request.
      requests: requests && { ...requests, amount: 1 },
      tokens: bucket('tokens', limits.tokensPerMinute),
    };
  }

  /** Waits for a slot; returns the token reservation to correct after the call. */
  async function admit(context: CallContext): Promise<Reservation | undefined> {
    const key = per === 'provider' ? context.model.provider : context.model.id;
    const { requests, tokens } = bucketsFor(key);
    if (!requests && !tokens) return undefined;
    const demands: RateLimitDemand[] = [];
    // The same for every call of a key (stores only read demands): made once, in `bucketsFor`.
    if (requests) demands.push(requests);
    let tokenDemand: RateLimitDemand | undefined;
    if (tokens) {
      // A call larger than the bucket waits for a full bucket rather than forever.
      const estimated = estimate(context.request, context.model);
      const wanted = isPromiseLike(estimated) ? await estimated : estimated;
      const amount = Math.min(tokens.capacity, Math.max(0, Math.ceil(wanted)));
      tokenDemand = { ...tokens, amount };
      demands.push(tokenDemand);
    }
    const storeKey = keyPrefix + key;
    let queue = queues.get(storeKey);
    if (!queue) {
      queue = new AdmissionQueue(store, storeKey, { maxQueue, queueTimeoutMs, label: key });
      queues.set(storeKey, queue);
    }
    try {
      const admitted = queue.admit(demands, context.model, context.request.signal);
      if (isPromiseLike(admitted)) await admitted;
    } catch (error) {
      throw context.request.signal?.aborted
        ? abortErrorFor(error, {
            provider: context.model.provider,
            model: context.model.name,
            id: context.model.id,
          })
        : error;
    }
    return tokenDemand ? { storeKey, demand: tokenDemand } : undefined;
  }

  /** Replaces the estimate with what the vendor reported (or gives it all back on failure). */
  function settle(reservation: Reservation | undefined, usedTokens: number): void | Promise<void> {
    if (!reservation) return;
    const difference = usedTokens - reservation.demand.amount;
    if (difference === 0) return;
    try {
      const adjusted = store.adjust(reservation.storeKey, {
        ...reservation.demand,
        amount: difference,
      });
      // The memory store corrects at once; only a remote one is waited for.
      if (isPromiseLike(adjusted)) return Promise.resolve(adjusted).catch(ignoreFailedCorrection);
    } catch {
      ignoreFailedCorrection();
    }
  }

  return {
    name: 'rate-limit',

    async chat(context, next): Promise<ChatResponse> {
      const reservation = await admit(context);
      let response: ChatResponse;
      try {
        response = await next(context);
      } catch (error) {
        const settling = settle(reservation, 0);
        if (settling) await settling;
        throw error;
      }
      const settling = settle(reservation, response.usage.totalTokens);
      if (settling) await settling;
      return response;
    },

    stream(context, next): AsyncIterable<StreamEvent> {
      let reservation: Reservation | undefined;
      let settled = false;
      return FusedStream.from(
        async () => {
          reservation = await admit(context);
          return next(context);
        },
        {
          item(event, emit) {
            emit(event);
            if (event.type !== 'finish') return;
            settled = true;
            return settle(reservation, event.response.usage.totalTokens);
          },
          error(error) {
            // The read that failed is over; the correction need not hold up the error.
            if (!settled) void settle(reservation, 0);
            settled = true;
            return error;
          },
        },
      );
    },
  };
}

/** A failed correction leaves the estimate in place; the limit stays roughly right. */
function ignoreFailedCorrection(): void {}

interface Buckets {
  requests?: RateLimitDemand;
  tokens?: RateLimitDemand;
}

interface Reservation {
  storeKey: string;
  demand: RateLimitDemand;
}

function pick(limits: RateLimits): RateLimits {
  const picked: RateLimits = {};
  if (limits.requestsPerMinute !== undefined) picked.requestsPerMinute = limits.requestsPerMinute;
  if (limits.tokensPerMinute !== undefined) picked.tokensPerMinute = limits.tokensPerMinute;
  return picked;
}

function validate(
  options: RateLimitOptions,
  burstSeconds: number,
  maxQueue: number,
  queueTimeoutMs: number,
): void {
  const limits: Array<[string, number | undefined]> = [
    ['requestsPerMinute', options.requestsPerMinute],
    ['tokensPerMinute', options.tokensPerMinute],
  ];
  for (const [key, each] of Object.entries(options.limits ?? {})) {
    limits.push([`limits['${key}'].requestsPerMinute`, each.requestsPerMinute]);
    limits.push([`limits['${key}'].tokensPerMinute`, each.tokensPerMinute]);
  }
  for (const [name, value] of limits) {
    if (value !== undefined && !(value > 0 && Number.isFinite(value))) {
      throw new ConfigurationError(`rateLimit: ${name} must be a positive number (got ${value}).`);
    }
  }
  if (limits.every(([, value]) => value === undefined)) {
    throw new ConfigurationError(
      'rateLimit: set requestsPerMinute, tokensPerMinute or limits, e.g. rateLimit({ requestsPerMinute: 500 }).',
    );
  }
  if (!(burstSeconds > 0 && burstSeconds <= 60)) {
    throw new ConfigurationError(
      `rateLimit: burstSeconds must be above 0 and at most 60 (got ${burstSeconds}).`,
    );
  }
  if (!(Number.isInteger(maxQueue) && maxQueue >= 0)) {
    throw new ConfigurationError(
      `rateLimit: maxQueue must be a whole number, 0 or more (got ${maxQueue}).`,
    );
  }
  if (!(queueTimeoutMs >= 0 && Number.isFinite(queueTimeoutMs))) {
    throw new ConfigurationError(
      `rateLimit: queueTimeoutMs must be 0 or more milliseconds (got ${queueTimeoutMs}).`,
    );
  }
}
