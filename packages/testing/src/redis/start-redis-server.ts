import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { connect, createServer } from 'node:net';

/** A throwaway redis-server on 127.0.0.1; `close()` stops it. */
export interface RedisServer {
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export const REDIS_INSTALL_HINT =
  'The tests need a real redis-server on the PATH. Install it with `apt-get install redis-server` (Debian/Ubuntu), `brew install redis` (macOS), or run `bash scripts/bootstrap.sh` from the repository root.';

/**
 * Starts a real redis-server on a free port of 127.0.0.1 with no RDB and no AOF (nothing
 * touches the disk), and resolves once it answers PING. Fails with install instructions when
 * redis-server is missing.
 */
export async function startRedisServer(): Promise<RedisServer> {
  const version = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) {
    throw new Error(
      `redis-server was not found or does not run (${version.error?.message ?? version.stderr}). ${REDIS_INSTALL_HINT}`,
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
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async close() {
      if (server.exitCode !== null || server.signalCode !== null) return;
      const exited = once(server, 'exit');
      server.kill('SIGTERM');
      await exited;
    },
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
        `redis-server exited with code ${server.exitCode}: ${output.trim()}. ${REDIS_INSTALL_HINT}`,
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
