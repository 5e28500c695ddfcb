// Adds up the vitest JSON reports of every package into one closing line. A package with a test
// script whose report is missing or unreadable (turbo cancelled it, it crashed, it never ran)
// counts as failed: with the test count of its previous report when there is one, else as one
// failed test, and it is named, so the total can never look better than the run was.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPORT_FILE = '.vitest-report.json';
/** test-all.sh moves each report here before a run, so a missing package's size is known. */
export const PREVIOUS_REPORT_FILE = '.vitest-report.previous.json';
/** Workspace folders holding packages. */
const PACKAGE_GROUPS = ['packages', 'apps', 'examples'];
/** Test folders run outside turbo: the repository scripts' own tests. */
const EXTRA_TEST_FOLDERS = ['scripts'];

async function readJson(path) {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function isReport(value) {
  return (
    typeof value === 'object' &&
    value !== null &&
    Number.isInteger(value.numPassedTests) &&
    Number.isInteger(value.numFailedTests)
  );
}

/** Every folder expected to write a report: each one whose package.json has a `test` script. */
export async function listTestedFolders(root) {
  const candidates = [];
  for (const group of PACKAGE_GROUPS) {
    try {
      const entries = await readdir(join(root, group), { withFileTypes: true });
      for (const entry of entries)
        if (entry.isDirectory()) candidates.push(`${group}/${entry.name}`);
    } catch {
      // A workspace without this group.
    }
  }
  candidates.sort();
  candidates.push(...EXTRA_TEST_FOLDERS);
  const folders = [];
  for (const folder of candidates) {
    const manifest = await readJson(join(root, folder, 'package.json'));
    if (typeof manifest?.scripts?.test !== 'string') continue;
    folders.push({ folder, name: typeof manifest.name === 'string' ? manifest.name : folder });
  }
  return folders;
}

/** Totals over every tested folder of `root`, with the folders that failed or did not report. */
export async function summarize(root) {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const failing = [];
  const missing = [];
  const folders = await listTestedFolders(root);
  for (const { folder, name } of folders) {
    const report = await readJson(join(root, folder, REPORT_FILE));
    if (!isReport(report)) {
      const previous = await readJson(join(root, folder, PREVIOUS_REPORT_FILE));
      const known = isReport(previous) ? previous.numTotalTests : undefined;
      const count = Number.isInteger(known) && known > 0 ? known : 1;
      totals.failed += count;
      missing.push({
        folder,
        name,
        failed: count,
        reason:
          known === undefined
            ? 'wrote no test report (cancelled or crashed); counted as 1 failed'
            : `wrote no test report (cancelled or crashed); its ${count} tests of the previous run counted as failed`,
      });
      continue;
    }
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    if (report.numFailedTests > 0 || report.success === false) failing.push({ folder, name });
  }
  const lines = [];
  for (const entry of missing)
    lines.push(`Did not report: ${entry.name} (${entry.folder}) ${entry.reason}`);
  const failedNames = [...failing, ...missing].map((entry) => entry.name);
  if (failedNames.length > 0) lines.push(`Failing: ${failedNames.join(', ')}`);
  lines.push(
    `Tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped (${folders.length} packages)`,
  );
  const ok = totals.failed === 0 && failedNames.length === 0 && totals.passed > 0;
  return { ...totals, packages: folders.length, failing, missing, lines, ok };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const summary = await summarize(process.argv[2] ?? process.cwd());
  for (const line of summary.lines) console.log(line);
  process.exitCode = summary.ok ? 0 : 1;
}
