// Adds up the vitest JSON reports of every package into one closing line.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

let passed = 0;
let failed = 0;
let skipped = 0;
const failedPackages = [];
for (const group of ['packages', 'apps']) {
  for (const name of await readdir(group)) {
    let report;
    try {
      report = JSON.parse(await readFile(join(group, name, '.vitest-report.json'), 'utf8'));
    } catch {
      continue;
    }
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
    if (report.numFailedTests > 0 || !report.success) failedPackages.push(`${group}/${name}`);
  }
}
if (failedPackages.length > 0) console.log(`Failing: ${failedPackages.join(', ')}`);
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
