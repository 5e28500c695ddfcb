import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** A `stratum-gateway` child process and what it printed. */
export interface GatewayProcess {
  readonly url: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM, then waits for the exit code (a graceful shutdown exits 0). */
  stop(): Promise<number | null>;
}

const COMMAND = fileURLToPath(new URL('../../src/cli/stratum-gateway.ts', import.meta.url));

/**
 * Spawns the real command from its source, as `gateway-command.test.ts` does, and resolves with
 * its URL once it says it serves: no timer decides when it is ready.
 */
export async function startGatewayProcess(
  configPath: string,
  environment: Record<string, string>,
): Promise<GatewayProcess> {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--conditions=@stratum/source', '--import', 'tsx', COMMAND, '--config', configPath],
    { env: { ...process.env, ...environment }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let text = '';
  const collect = (chunk: Buffer) => {
    text += chunk.toString('utf8');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = once(child, 'exit');
  const url = await new Promise<string>((resolve, reject) => {
    const look = () => {
      const match = /at (http:\/\/127\.0\.0\.1:\d+)\/v1/.exec(text);
      if (match?.[1]) {
        child.stderr.off('data', look);
        resolve(match[1]);
      }
    };
    child.stderr.on('data', look);
    child.once('exit', (code) => reject(new Error(`stratum-gateway exited (${code}): ${text}`)));
  });
  return {
    url,
    output: () => text,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const [code] = await exited;
      return code;
    },
  };
}
