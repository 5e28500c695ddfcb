import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A fresh directory for a test file's databases, removed after its tests. */
export function useTempDir(name: string): () => string {
  const directory = mkdtempSync(join(tmpdir(), `stratum-tracker-${name}-`));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  let counter = 0;
  return () => {
    counter += 1;
    return join(directory, `store-${counter}.db`);
  };
}

/** A logger that keeps what it is given. */
export function captureLogger(): {
  events: Array<Record<string, unknown>>;
  info(event: Record<string, unknown>): void;
  error(event: Record<string, unknown>): void;
} {
  const events: Array<Record<string, unknown>> = [];
  return {
    events,
    info: (event) => events.push(event),
    error: (event) => events.push(event),
  };
}
