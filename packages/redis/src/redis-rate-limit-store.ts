import type { RateLimitDemand, RateLimitStore } from '@stratum/middleware';
import { defineScript, integerReply, type RedisClient } from './redis-client.js';

export interface RedisRateLimitStoreOptions {
  /** Prepended to every key (default `stratum:ratelimit:`). */
  prefix?: string;
}

/*
 * One hash per limit key, with `<bucket>:level` and `<bucket>:at` fields per token bucket.
 * Time is Redis's own (TIME), so processes on hosts with skewed clocks still agree. The hash
 * expires once every bucket would be full again, when its state no longer matters.
 */
const REFILL = `
local function now_ms()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end
local function level_of(key, name, capacity, rate, now)
  local state = redis.call('HMGET', key, name .. ':level', name .. ':at')
  if not state[1] then return capacity end
  local elapsed = math.max(0, now - tonumber(state[2]))
  return math.min(capacity, tonumber(state[1]) + elapsed * rate)
end
`;

/** ARGV: count, then name, capacity, refillPerMs, amount per bucket. Returns 0 when taken, else the ms to wait. */
const ACQUIRE = defineScript(`${REFILL}
local now = now_ms()
local count = tonumber(ARGV[1])
local levels = {}
local wait = 0
for i = 0, count - 1 do
  local base = 2 + i * 4
  local capacity = tonumber(ARGV[base + 1])
  local rate = tonumber(ARGV[base + 2])
  local amount = tonumber(ARGV[base + 3])
  local level = level_of(KEYS[1], ARGV[base], capacity, rate, now)
  levels[i + 1] = level
  if level < amount then wait = math.max(wait, math.ceil((amount - level) / rate)) end
end
if wait > 0 then return wait end
local ttl = 1
for i = 0, count - 1 do
  local base = 2 + i * 4
  local capacity = tonumber(ARGV[base + 1])
  local rate = tonumber(ARGV[base + 2])
  local left = levels[i + 1] - tonumber(ARGV[base + 3])
  redis.call('HSET', KEYS[1], ARGV[base] .. ':level', tostring(left), ARGV[base] .. ':at', now)
  ttl = math.max(ttl, math.ceil((capacity - left) / rate))
end
redis.call('PEXPIRE', KEYS[1], ttl)
return 0
`);

/** ARGV: name, capacity, refillPerMs, amount (positive takes, negative gives back). */
const ADJUST = defineScript(`${REFILL}
local now = now_ms()
local capacity = tonumber(ARGV[2])
local rate = tonumber(ARGV[3])
local left = math.min(capacity, level_of(KEYS[1], ARGV[1], capacity, rate, now) - tonumber(ARGV[4]))
redis.call('HSET', KEYS[1], ARGV[1] .. ':level', tostring(left), ARGV[1] .. ':at', now)
local ttl = math.max(1, math.ceil((capacity - left) / rate))
if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end
return 0
`);

/**
 * Token buckets in Redis for `rateLimit({ store })`, so every process of an app draws from one
 * requests-per-minute and tokens-per-minute limit. Each take is one atomic Lua script.
 */
export function createRedisRateLimitStore(
  redis: RedisClient,
  options: RedisRateLimitStoreOptions = {},
): RateLimitStore {
  const prefix = options.prefix ?? 'stratum:ratelimit:';
  return {
    async acquire(key, demands) {
      const args: Array<string | number> = [demands.length];
      for (const demand of demands) args.push(...bucketArgs(demand));
      const wait = integerReply(await ACQUIRE(redis, prefix + key, args), 'rate-limit acquire');
      return wait === 0 ? { ok: true } : { ok: false, retryInMs: wait };
    },
    async adjust(key, demand) {
      await ADJUST(redis, prefix + key, bucketArgs(demand));
    },
  };
}

function bucketArgs(demand: RateLimitDemand): Array<string | number> {
  return [demand.bucket, demand.capacity, demand.refillPerMs, demand.amount];
}
