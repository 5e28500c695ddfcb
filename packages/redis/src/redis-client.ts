import { createHash } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';

/** An ioredis client: a single server or a cluster (every script touches one key, so one slot). */
export type RedisClient = Redis | Cluster;

export type RedisScript = (
  redis: RedisClient,
  key: string,
  args: ReadonlyArray<string | number>,
) => Promise<unknown>;

/**
 * A Lua script run with EVALSHA, falling back to EVAL the first time a server has not seen it
 * (NOSCRIPT). Scripts run atomically on the server, which is what makes a limit shared by many
 * processes exact: no two processes can read the same bucket level and both take from it.
 */
export function defineScript(source: string): RedisScript {
  const sha = createHash('sha1').update(source).digest('hex');
  return async (redis, key, args) => {
    try {
      return await redis.evalsha(sha, 1, key, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(source, 1, key, ...args);
    }
  };
}

/** Redis replies integers as numbers; anything else means the script and the code disagree. */
export function integerReply(reply: unknown, script: string): number {
  if (typeof reply === 'number' && Number.isInteger(reply)) return reply;
  throw new TypeError(
    `The ${script} script answered ${JSON.stringify(reply)} instead of an integer.`,
  );
}
