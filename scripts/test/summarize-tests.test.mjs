import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { PREVIOUS_REPORT_FILE, REPORT_FILE, summarize } from '../summarize-tests.mjs';

const script = fileURLToPath(new URL('../summarize-tests.mjs', import.meta.url));
const run = promisify(execFile);
const roots = [];

function report(passed, failed, extra = {}) {
  return {
    numTotalTests: passed + failed,
    numPassedTests: passed,
    numFailedTests: failed,
    numPendingTests: 0,
    numTodoTests: 0,
    success: failed === 0,
    ...extra,
  };
}

/** A workspace on disk: `{ 'packages/a': { test: true, report, previous } }`. */
async function workspace(layout) {
  const root = await mkdtemp(join(tmpdir(), 'summarize-tests-'));
  roots.push(root);
  for (const [folder, spec] of Object.entries(layout)) {
    await mkdir(join(root, folder), { recursive: true });
    const scripts = spec.test ? { test: 'vitest run' } : { build: 'tsup' };
    await writeFile(
      join(root, folder, 'package.json'),
      JSON.stringify({ name: `@example/${folder.split('/').at(-1)}`, scripts }),
    );
    if (spec.report !== undefined) {
      const text = typeof spec.report === 'string' ? spec.report : JSON.stringify(spec.report);
      await writeFile(join(root, folder, REPORT_FILE), text);
    }
    if (spec.previous !== undefined) {
      await writeFile(join(root, folder, PREVIOUS_REPORT_FILE), JSON.stringify(spec.previous));
    }
  }
  return root;
}

async function closingLines(root) {
  try {
    const { stdout } = await run(process.execPath, [script, root]);
    return { code: 0, stdout };
  } catch (error) {
    return { code: error.code, stdout: error.stdout };
  }
}

afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

describe('summarize-tests', () => {
  it('adds up every report and passes when all packages passed', async () => {
    const root = await workspace({
      'packages/a': { test: true, report: report(10, 0, { numPendingTests: 2 }) },
      'apps/b': { test: true, report: report(5, 0) },
      'examples/c': { test: true, report: report(3, 0) },
      'packages/untested': { test: false },
    });
    const summary = await summarize(root);
    expect(summary).toMatchObject({ passed: 18, failed: 0, skipped: 2, packages: 3, ok: true });
    expect(summary.lines).toEqual(['Tests: 18 passed, 0 failed, 2 skipped (3 packages)']);
    expect(await closingLines(root)).toEqual({
      code: 0,
      stdout: 'Tests: 18 passed, 0 failed, 2 skipped (3 packages)\n',
    });
  });

  it('counts a package that wrote no report as failed, with its previous test count, and names it', async () => {
    const root = await workspace({
      'packages/a': { test: true, report: report(764, 1) },
      // Cancelled by turbo: no report this run, 229 tests in the run before.
      'packages/cancelled': { test: true, previous: report(229, 0) },
      'packages/never-ran': { test: true },
    });
    const summary = await summarize(root);
    expect(summary.passed).toBe(764);
    expect(summary.failed).toBe(1 + 229 + 1);
    expect(summary.ok).toBe(false);
    expect(summary.missing.map((entry) => [entry.name, entry.failed])).toEqual([
      ['@example/cancelled', 229],
      ['@example/never-ran', 1],
    ]);
    const { code, stdout } = await closingLines(root);
    expect(code).toBe(1);
    expect(stdout).toContain('Did not report: @example/cancelled (packages/cancelled)');
    expect(stdout).toContain('Failing: @example/a, @example/cancelled, @example/never-ran');
    expect(stdout.trim().split('\n').at(-1)).toBe(
      'Tests: 764 passed, 231 failed, 0 skipped (3 packages)',
    );
  });

  it('counts an example that wrote no report as failed, like any package', async () => {
    const root = await workspace({
      'packages/a': { test: true, report: report(2, 0) },
      'examples/cli-chat': { test: true, previous: report(3, 0) },
    });
    const summary = await summarize(root);
    expect(summary).toMatchObject({ passed: 2, failed: 3, packages: 2, ok: false });
    expect(summary.lines).toContain(
      'Did not report: @example/cli-chat (examples/cli-chat) wrote no test report (cancelled or crashed); its 3 tests of the previous run counted as failed',
    );
  });

  it('treats an unreadable report as missing, and a report that says it failed as failing', async () => {
    const root = await workspace({
      'packages/truncated': { test: true, report: '{"numPassedTests": 3, "numFa' },
      // A run that crashed outside any test: no failed test, but not a success either.
      'packages/crashed': { test: true, report: report(4, 0, { success: false }) },
    });
    const summary = await summarize(root);
    expect(summary).toMatchObject({ passed: 4, failed: 1, ok: false });
    expect(summary.lines.at(-2)).toBe('Failing: @example/crashed, @example/truncated');
  });

  it('fails a run in which no test passed at all', async () => {
    const root = await workspace({ 'packages/empty': { test: true, report: report(0, 0) } });
    expect((await summarize(root)).ok).toBe(false);
    expect((await closingLines(root)).code).toBe(1);
  });
});
