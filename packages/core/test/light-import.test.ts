import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

/** The export condition that maps `@stratum/core` to its TypeScript sources (read, not assumed). */
function sourceCondition(): string {
  const manifest: { exports: Record<string, Record<string, string>> } = JSON.parse(
    readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
  );
  const root = manifest.exports['.'] ?? {};
  const condition = Object.keys(root).find((key) => root[key] === './src/index.ts');
  if (!condition) throw new Error('package.json has no export condition for ./src/index.ts');
  return condition;
}

/**
 * Runs in a fresh Node process: records every module URL resolved while importing ENTRY,
 * through Node's module resolution hooks. Running the
 * real loader is what makes this fail if anyone adds a static import of a heavy dependency.
 */
const PROBE = `
import { registerHooks } from 'node:module';
const seen = new Set();
registerHooks({
  resolve(specifier, context, next) {
    const result = next(specifier, context);
    seen.add(result.url);
    return result;
  },
});
await import(process.env.ENTRY);
const afterImport = [...seen];
console.log(JSON.stringify({ afterImport }));
`;

interface Probe {
  afterImport: string[];
}

function probe(entry: string): Probe {
  const output = execFileSync(
    process.execPath,
    [`--conditions=${sourceCondition()}`, '--import', 'tsx', '--input-type=module', '-e', PROBE],
    {
      cwd: PACKAGE_DIR,
      env: { ...process.env, ENTRY: entry },
      encoding: 'utf8',
    },
  );
  const lines = output.trim().split('\n');
  return JSON.parse(lines.at(-1) ?? '{}');
}

/** The npm packages among module URLs (`…/node_modules/@scope/name/…` → `@scope/name`). */
function packagesOf(urls: readonly string[]): string[] {
  const names = new Set<string>();
  for (const url of urls) {
    const match = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
    if (match?.[1]) names.add(match[1]);
  }
  return [...names].sort();
}

describe('importing @stratum/core', () => {
  it('loads no vendor SDK, no tokenizer, no JSON Schema validator: only request validation', () => {
    const { afterImport } = probe('@stratum/core');
    // The probe really saw core load from its sources (not a bundled dist, which would hide imports).
    expect(afterImport.filter((url) => url.includes('/packages/core/src/')).length).toBeGreaterThan(
      10,
    );
    // The schema validator and edit distance load with the first call that needs them.
    expect(packagesOf(afterImport)).toEqual(['valibot']);
  });
});
