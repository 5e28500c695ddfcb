import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, inject } from 'vitest';

/** A client on the run's redis-server, closed after the file's tests. */
export function connectRedis(): Redis {
  const redis = new Redis(inject('redisUrl'), { lazyConnect: false, maxRetriesPerRequest: 1 });
  afterAll(async () => {
    await redis.quit();
  });
  return redis;
}

/** A key prefix no other test uses, so tests never see each other's keys. */
export function uniquePrefix(name: string): string {
  return `test:${name}:${randomUUID()}:`;
}
