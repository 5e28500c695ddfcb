import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('../child/run-calls.ts', import.meta.url));
const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Child {
  process: ChildProcess;
  /** Each JSON line the child prints, in order. */
  lines: Array<Record<string, unknown>>;
  /** Resolves once the child has printed `count` lines. */
  waitForLines(count: number): Promise<void>;
  exited: Promise<number | null>;
  stderr(): string;
}

/** A separate Node process running test/child/run-calls.ts from source through tsx. */
export function startChild(env: Record<string, string>): Child {
  const child = spawn(
    process.execPath,
    ['--conditions=@stratum/source', '--import', 'tsx', CHILD],
    {
      cwd: PACKAGE_ROOT,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let buffered = '';
  let stderr = '';
  const lines: Array<Record<string, unknown>> = [];
  let waiters: Array<{ count: number; resolve: () => void }> = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    for (let newline = buffered.indexOf('\n'); newline >= 0; newline = buffered.indexOf('\n')) {
      lines.push(JSON.parse(buffered.slice(0, newline)));
      buffered = buffered.slice(newline + 1);
    }
    waiters = waiters.filter((waiter) => {
      if (lines.length < waiter.count) return true;
      waiter.resolve();
      return false;
    });
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = once(child, 'exit').then(([code]) => (typeof code === 'number' ? code : null));
  return {
    process: child,
    lines,
    stderr: () => stderr,
    exited,
    waitForLines(count) {
      if (lines.length >= count) return Promise.resolve();
      return Promise.race([
        new Promise<void>((resolve) => waiters.push({ count, resolve })),
        exited.then((code) => {
          throw new Error(`child exited (${code}) after ${lines.length} lines: ${stderr}`);
        }),
      ]);
    },
  };
}
