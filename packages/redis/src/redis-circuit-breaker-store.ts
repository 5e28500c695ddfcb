import type {
  BreakerAdmission,
  BreakerState,
  CircuitBreakerSettings,
  CircuitBreakerStore,
} from '@stratum/middleware';
import { defineScript, type RedisClient } from './redis-client.js';

export interface RedisCircuitBreakerStoreOptions {
  /** Prepended to every key (default `stratum:circuit:`). */
  prefix?: string;
}

/*
 * One hash per circuit: `state`, `failures` (the latest failure times while closed, comma
 * separated, at most failureThreshold of them), `openedAt`, `probes` and `probeAt`. A closed
 * circuit without recent failures has no key at all. Times come from the callers' clock (ARGV),
 * the same rules as the memory store, so the tests can move time and a fleet decides alike.
 */

/** ARGV: now, cooldownMs, halfOpenMaxProbes, ttlMs. Returns {state, allowed, probe, probeAt, previous}. */
const ADMIT = defineScript(`
local now = tonumber(ARGV[1])
local cooldown = tonumber(ARGV[2])
local max_probes = tonumber(ARGV[3])
local state = redis.call('HGET', KEYS[1], 'state') or 'closed'
if state == 'closed' then return {'closed', 1, 0, -1, 'closed'} end
if state == 'open' then
  local probe_at = tonumber(redis.call('HGET', KEYS[1], 'openedAt')) + cooldown
  if now < probe_at then return {'open', 0, 0, probe_at, 'open'} end
  redis.call('HSET', KEYS[1], 'state', 'half-open', 'probes', 1, 'probeAt', ARGV[1])
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  return {'half-open', 1, 1, -1, 'open'}
end
local probes = tonumber(redis.call('HGET', KEYS[1], 'probes') or '0')
local last_probe = tonumber(redis.call('HGET', KEYS[1], 'probeAt') or '0')
if probes >= max_probes then
  if now - last_probe < cooldown then return {'half-open', 0, 0, -1, 'half-open'} end
  probes = 0
end
redis.call('HSET', KEYS[1], 'probes', probes + 1, 'probeAt', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return {'half-open', 1, 1, -1, 'half-open'}
`);

/** ARGV: now, outcome, probe (0/1), failureThreshold, windowMs, ttlMs. Returns {previous, state}. */
const RECORD = defineScript(`
local now = tonumber(ARGV[1])
local outcome = ARGV[2]
local probe = ARGV[3] == '1'
local threshold = tonumber(ARGV[4])
local window = tonumber(ARGV[5])
local state = redis.call('HGET', KEYS[1], 'state') or 'closed'
if outcome == 'failure' then
  if state == 'closed' then
    local kept = {}
    for stamp in string.gmatch(redis.call('HGET', KEYS[1], 'failures') or '', '[^,]+') do
      if tonumber(stamp) > now - window then table.insert(kept, stamp) end
    end
    table.insert(kept, ARGV[1])
    if #kept >= threshold then
      redis.call('HSET', KEYS[1], 'state', 'open', 'openedAt', ARGV[1], 'failures', '', 'probes', 0)
      redis.call('PEXPIRE', KEYS[1], ARGV[6])
      return {'closed', 'open'}
    end
    while #kept > threshold do table.remove(kept, 1) end
    redis.call('HSET', KEYS[1], 'failures', table.concat(kept, ','))
    redis.call('PEXPIRE', KEYS[1], ARGV[6])
    return {'closed', 'closed'}
  end
  if state == 'half-open' and probe then
    redis.call('HSET', KEYS[1], 'state', 'open', 'openedAt', ARGV[1], 'probes', 0)
    redis.call('PEXPIRE', KEYS[1], ARGV[6])
    return {'half-open', 'open'}
  end
  return {state, state}
end
if state == 'half-open' and probe then
  if outcome == 'success' then
    redis.call('DEL', KEYS[1])
    return {'half-open', 'closed'}
  end
  local probes = tonumber(redis.call('HGET', KEYS[1], 'probes') or '1')
  redis.call('HSET', KEYS[1], 'probes', math.max(0, probes - 1))
  return {'half-open', 'half-open'}
end
return {state, state}
`);

/**
 * Circuits shared by every process on the same Redis, for `circuitBreaker({ store })`: when one
 * process has seen the vendor fail, the whole fleet stops calling it, and one probe (not one
 * per process) tests it after the cooldown. Each decision is one atomic Lua script. The
 * processes' clocks decide the times, so keep them in sync (NTP) to well under the cooldown.
 */
export function createRedisCircuitBreakerStore(
  redis: RedisClient,
  options: RedisCircuitBreakerStoreOptions = {},
): CircuitBreakerStore {
  const prefix = options.prefix ?? 'stratum:circuit:';
  // Idle circuits vanish: after this long nothing in them still matters.
  const ttl = (settings: CircuitBreakerSettings) => 2 * (settings.windowMs + settings.cooldownMs);
  return {
    async admit(key, settings, now): Promise<BreakerAdmission> {
      const reply = await ADMIT(redis, prefix + key, [
        now,
        settings.cooldownMs,
        settings.halfOpenMaxProbes,
        ttl(settings),
      ]);
      const [state, allowed, probe, probeAt, previous] = tuple(reply, 5, 'circuit admit');
      const admission: BreakerAdmission = {
        allowed: allowed === 1,
        state: breakerState(state),
        probe: probe === 1,
      };
      if (typeof probeAt === 'number' && probeAt >= 0) admission.probeAt = probeAt;
      if (previous !== state) admission.previous = breakerState(previous);
      return admission;
    },
    async record(key, outcome, probe, settings, now) {
      const reply = await RECORD(redis, prefix + key, [
        now,
        outcome,
        probe ? 1 : 0,
        settings.failureThreshold,
        settings.windowMs,
        ttl(settings),
      ]);
      const [previous, state] = tuple(reply, 2, 'circuit record');
      return { previous: breakerState(previous), state: breakerState(state) };
    },
  };
}

function tuple(reply: unknown, length: number, script: string): unknown[] {
  if (Array.isArray(reply) && reply.length === length) return reply;
  throw new TypeError(`The ${script} script answered ${JSON.stringify(reply)}.`);
}

function breakerState(value: unknown): BreakerState {
  if (value === 'closed' || value === 'open' || value === 'half-open') return value;
  throw new TypeError(`A circuit script answered the state ${JSON.stringify(value)}.`);
}
