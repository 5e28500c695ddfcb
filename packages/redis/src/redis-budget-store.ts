import { createHash } from 'node:crypto';
import type { BudgetCounter, BudgetStore, CounterState, ReserveOutcome } from '@stratum/tracker';
import { ROLLING_SLOTS } from '@stratum/tracker';
import type { RedisClient } from './redis-client.js';

export interface RedisBudgetStoreOptions {
  /**
   * Prepended to every key (default `stratum:budget:`). A call's counters are updated by one
   * script, so on a Redis Cluster give the prefix a hash tag (`{myapp:budget}:`) to keep them
   * in one slot.
   */
  prefix?: string;
}

/*
 * One hash per counter: `s:<slot>` holds settled spend (slot 0 for calendar periods and
 * totals, a 1/60 slice of the window for rolling ones) and `r:<reservation id>` holds
 * `<amount>:<expires at>` for each running call. A script reads and writes all the counters a
 * call draws on at once, so the check against the limit and the hold are one atomic step for
 * every process on this Redis.
 *
 * ARGV: now, reservation id, amount, reservation expiry, rolling slots, then per counter:
 * limit, hard (1/0), window ms (0 for none), counter expiry (0 for never).
 */
const COMMON = `
local now = tonumber(ARGV[1])
local slots = tonumber(ARGV[5])
local function setting(i, n) return tonumber(ARGV[5 + (i - 1) * 4 + n]) end
local function state(i)
  local key = KEYS[i]
  local window = setting(i, 3)
  local oldest = -1
  if window > 0 then oldest = math.floor(now / (window / slots)) - slots end
  local fields = redis.call('HGETALL', key)
  local spent, reserved = 0, 0
  for j = 1, #fields, 2 do
    local name, value = fields[j], fields[j + 1]
    local kind = string.sub(name, 1, 1)
    if kind == 's' then
      if tonumber(string.sub(name, 3)) <= oldest then
        redis.call('HDEL', key, name)
      else
        spent = spent + tonumber(value)
      end
    elseif kind == 'r' then
      local amount, expires = string.match(value, '^(%d+):(%d+)$')
      if tonumber(expires) <= now then
        redis.call('HDEL', key, name)
      else
        reserved = reserved + tonumber(amount)
      end
    end
  end
  return spent, reserved
end
local function keep(i)
  local window, expires = setting(i, 3), setting(i, 4)
  if expires > 0 then
    -- Relative to the caller's clock, which also decided the period.
    redis.call('PEXPIRE', KEYS[i], math.max(1, expires - now))
  elseif window > 0 then
    redis.call('PEXPIRE', KEYS[i], window * 2)
  end
end
`;

const RESERVE = `${COMMON}
local amount = tonumber(ARGV[3])
for i = 1, #KEYS do
  if setting(i, 2) == 1 then
    local spent, reserved = state(i)
    if spent + reserved + amount > setting(i, 1) then return {0, i - 1, spent, reserved} end
  end
end
for i = 1, #KEYS do
  if setting(i, 2) == 1 then
    redis.call('HSET', KEYS[i], 'r:' .. ARGV[2], ARGV[3] .. ':' .. ARGV[4])
    keep(i)
  end
end
return {1}
`;

const SETTLE = `${COMMON}
local result = {}
for i = 1, #KEYS do
  redis.call('HDEL', KEYS[i], 'r:' .. ARGV[2])
  local window = setting(i, 3)
  local slot = 0
  if window > 0 then slot = math.floor(now / (window / slots)) end
  redis.call('HINCRBY', KEYS[i], 's:' .. slot, ARGV[3])
  keep(i)
  local spent, reserved = state(i)
  result[#result + 1] = spent
  result[#result + 1] = reserved
end
return result
`;

const RELEASE = `
for i = 1, #KEYS do redis.call('HDEL', KEYS[i], 'r:' .. ARGV[2]) end
return 1
`;

const READ = `${COMMON}
local result = {}
for i = 1, #KEYS do
  local spent, reserved = state(i)
  result[#result + 1] = spent
  result[#result + 1] = reserved
end
return result
`;

type Script = (
  redis: RedisClient,
  keys: string[],
  args: Array<string | number>,
) => Promise<unknown>;

/** A Lua script over several keys, through EVALSHA with an EVAL fallback (NOSCRIPT). */
function defineBudgetScript(source: string): Script {
  const sha = createHash('sha1').update(source).digest('hex');
  return async (redis, keys, args) => {
    try {
      return await redis.evalsha(sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(source, keys.length, ...keys, ...args);
    }
  };
}

const reserveScript = defineBudgetScript(RESERVE);
const settleScript = defineBudgetScript(SETTLE);
const releaseScript = defineBudgetScript(RELEASE);
const readScript = defineBudgetScript(READ);

function integers(reply: unknown, script: string): number[] {
  if (Array.isArray(reply) && reply.every((value) => typeof value === 'number')) return reply;
  throw new TypeError(`The budget ${script} script answered ${JSON.stringify(reply)}.`);
}

/**
 * Budget counters shared by every process on one Redis, for
 * `createTracker({ budgetStore: createRedisBudgetStore(redis) })`: N replicas keep one limit,
 * not N. Reserve, settle and release are each one Lua script over all of a call's counters.
 * The scripts take the time from the caller (the tracker's clock) so that periods follow the
 * app's time zone; hosts should keep their clocks in sync (NTP) as usual.
 */
export function createRedisBudgetStore(
  redis: RedisClient,
  options: RedisBudgetStoreOptions = {},
): BudgetStore {
  const prefix = options.prefix ?? 'stratum:budget:';
  const keysOf = (counters: readonly BudgetCounter[]) =>
    counters.map((counter) => prefix + counter.key);
  const argsOf = (
    counters: readonly BudgetCounter[],
    now: number,
    id: string,
    amount: number,
    expiresAt: number,
  ): Array<string | number> => {
    const args: Array<string | number> = [now, id, amount, expiresAt, ROLLING_SLOTS];
    for (const counter of counters) {
      args.push(counter.limit, counter.hard ? 1 : 0, counter.windowMs, counter.expiresAt);
    }
    return args;
  };
  const states = (counters: readonly BudgetCounter[], reply: unknown, script: string) => {
    const values = integers(reply, script);
    return counters.map(
      (counter, index): CounterState => ({
        key: counter.key,
        spent: values[index * 2] ?? 0,
        reserved: values[index * 2 + 1] ?? 0,
      }),
    );
  };

  return {
    async reserve(counters, reservation, now): Promise<ReserveOutcome> {
      const reply = integers(
        await reserveScript(
          redis,
          keysOf(counters),
          argsOf(counters, now, reservation.id, reservation.amount, reservation.expiresAt),
        ),
        'reserve',
      );
      if (reply[0] === 1) return { ok: true };
      const index = reply[1] ?? 0;
      return {
        ok: false,
        index,
        state: { key: counters[index]?.key ?? '', spent: reply[2] ?? 0, reserved: reply[3] ?? 0 },
      };
    },
    async settle(counters, reservationId, amount, now) {
      const reply = await settleScript(
        redis,
        keysOf(counters),
        argsOf(counters, now, reservationId, amount, 0),
      );
      return states(counters, reply, 'settle');
    },
    async release(counters, reservationId) {
      await releaseScript(redis, keysOf(counters), [0, reservationId]);
    },
    async read(counters, now) {
      return states(
        counters,
        await readScript(redis, keysOf(counters), argsOf(counters, now, '', 0, 0)),
        'read',
      );
    },
    async markAlert(key, threshold, expiresAt) {
      const name = `${prefix}alert:${key}:${threshold}`;
      const reply =
        expiresAt > 0
          ? await redis.set(name, '1', 'PX', Math.max(1, expiresAt - Date.now()), 'NX')
          : await redis.set(name, '1', 'NX');
      return reply === 'OK';
    },
  };
}
