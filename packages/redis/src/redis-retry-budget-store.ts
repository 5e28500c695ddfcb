import { RETRY_BUDGET_BUCKETS, type RetryBudgetStore } from '@stratum/middleware';
import { defineScript, integerReply, type RedisClient } from './redis-client.js';

export interface RedisRetryBudgetStoreOptions {
  /** Prepended to every key (default `stratum:retrybudget:`). */
  prefix?: string;
}

/*
 * One hash per budget key with a field per tenth of the window: `c:<slot>` counts calls and
 * `r:<slot>` retries. Fields older than the window are dropped as the script meets them.
 */
const SLOT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local window = tonumber(ARGV[1])
local buckets = tonumber(ARGV[2])
local slot = math.floor(now / (window / buckets))
`;

/** ARGV: windowMs, buckets. */
const DEPOSIT = defineScript(`${SLOT}
redis.call('HINCRBY', KEYS[1], 'c:' .. slot, 1)
redis.call('PEXPIRE', KEYS[1], window * 2)
return 1
`);

/** ARGV: windowMs, buckets, ratio, reserve. Returns 1 and counts the retry when the budget allows it. */
const WITHDRAW = defineScript(`${SLOT}
local ratio = tonumber(ARGV[3])
local reserve = tonumber(ARGV[4])
local fields = redis.call('HGETALL', KEYS[1])
local calls, retries = 0, 0
for i = 1, #fields, 2 do
  local name = fields[i]
  local field_slot = tonumber(string.sub(name, 3))
  if field_slot <= slot - buckets then
    redis.call('HDEL', KEYS[1], name)
  elseif string.sub(name, 1, 1) == 'c' then
    calls = calls + tonumber(fields[i + 1])
  else
    retries = retries + tonumber(fields[i + 1])
  end
end
if reserve + ratio * calls - retries < 1 then return 0 end
redis.call('HINCRBY', KEYS[1], 'r:' .. slot, 1)
redis.call('PEXPIRE', KEYS[1], window * 2)
return 1
`);

/**
 * A retry budget shared by every process on the same Redis, for `createRetryBudget({ store })`:
 * during an outage the whole fleet, not each process, keeps retries to the budgeted share.
 */
export function createRedisRetryBudgetStore(
  redis: RedisClient,
  options: RedisRetryBudgetStoreOptions = {},
): RetryBudgetStore {
  const prefix = options.prefix ?? 'stratum:retrybudget:';
  return {
    async deposit(key, settings) {
      await DEPOSIT(redis, prefix + key, [settings.windowMs, RETRY_BUDGET_BUCKETS]);
    },
    async withdraw(key, settings) {
      const reserve = (settings.minRetriesPerSecond * settings.windowMs) / 1_000;
      const reply = await WITHDRAW(redis, prefix + key, [
        settings.windowMs,
        RETRY_BUDGET_BUCKETS,
        settings.ratio,
        reserve,
      ]);
      return integerReply(reply, 'retry-budget withdraw') === 1;
    },
  };
}
