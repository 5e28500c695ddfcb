import { startRedisServer } from '@stratum/testing';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/**
 * Starts a throwaway redis-server on a free port of 127.0.0.1 for the whole run (no RDB, no
 * AOF: nothing touches the disk), hands its URL to the tests with `provide`, and stops it after.
 * It fails the run, with install instructions, when redis-server is missing.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startRedisServer();
  project.provide('redisUrl', server.url);
  process.env['STRATUM_TEST_REDIS_URL'] = server.url;
  return () => server.close();
}
