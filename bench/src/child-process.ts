import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface StartedChild {
  /** The first line the child printed that `isReady` accepted. */
  readyLine: string;
  /** Its process id, to read how much CPU time it used. */
  pid: number | undefined;
  close(): Promise<void>;
}

export interface ChildOptions {
  /** Which standard-output line says the child is ready (default: its first line). */
  isReady?: (line: string) => boolean;
  /** How to stop it (default: end its standard input, which our serve scripts exit on). */
  stop?: (child: ChildProcess) => void;
  env?: NodeJS.ProcessEnv;
}

/**
 * Starts a server in its own process, so its work does not share an event loop (or a core) with
 * the clients measuring it, and resolves once it says it is listening.
 */
export async function startChild(
  args: string[],
  options: ChildOptions = {},
): Promise<StartedChild> {
  const child = spawn(process.execPath, args, {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: options.env ?? process.env,
  });
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout });
  const isReady = options.isReady ?? (() => true);
  const readyLine = await new Promise<string>((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`${args.join(' ')} exited with ${code} before it was ready`));
    child.once('exit', onExit);
    lines.on('line', (line) => {
      if (!isReady(line)) return;
      child.off('exit', onExit);
      resolve(line);
    });
  });
  // Keep draining its output so a chatty server never blocks on a full pipe.
  child.stdout.resume();
  return {
    readyLine,
    pid: child.pid,
    async close() {
      if (child.exitCode !== null) return;
      (options.stop ?? ((running) => running.stdin?.end()))(child);
      await exited;
      lines.close();
    },
  };
}

/** Node arguments that run a TypeScript file of this package (workspace packages from source). */
export function typescriptScript(relativeToSrc: string): string[] {
  return [
    '--conditions=@stratum/source',
    '--import',
    'tsx',
    new URL(relativeToSrc, import.meta.url).pathname,
  ];
}
