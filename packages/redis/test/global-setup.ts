import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { connect, createServer } from 'node:net';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

const INSTALL_HINT =
  'The @stratum/redis tests need a real redis-server on the PATH. Install it with `apt-get install redis-server` (Debian/Ubuntu), `brew install redis` (macOS), or run `bash scripts/bootstrap.sh` from the repository root.';

/**
 * The same steps as `startRedisServer` of @stratum/testing, kept here because vitest loads a
 * global setup without the `@stratum/source` condition: importing the workspace package would
 * need it built before the tests.
 *
 * Starts a throwaway redis-server on a free port of 127.0.0.1 for the whole run (no RDB, no
 * AOF: nothing touches the disk), hands its URL to the tests with `provide`, and stops it after.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const version = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) {
    throw new Error(
      `redis-server was not found or does not run (${version.error?.message ?? version.stderr}). ${INSTALL_HINT}`,
    );
  }
  const port = await freePort();
  const server = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--loglevel',
      'warning',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await waitUntilReady(server, port);
  const url = `redis://127.0.0.1:${port}`;
  project.provide('redisUrl', url);
  process.env['STRATUM_TEST_REDIS_URL'] = url;
  return async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
  };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  await once(probe, 'close');
  if (address === null || typeof address === 'string')
    throw new Error('could not find a free port');
  return address.port;
}

/** Polls with PING over a raw socket until the server answers PONG. */
async function waitUntilReady(server: ChildProcess, port: number): Promise<void> {
  let output = '';
  server.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  server.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Error(
        `redis-server exited with code ${server.exitCode}: ${output.trim()}. ${INSTALL_HINT}`,
      );
    }
    if (await answersPing(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  server.kill('SIGKILL');
  throw new Error(`redis-server did not answer on port ${port} within 10 s: ${output.trim()}`);
}

async function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(500);
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => {
      socket.destroy();
      resolve(data.toString('utf8').startsWith('+PONG'));
    });
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
