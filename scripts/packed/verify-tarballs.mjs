// Checks every tarball in a folder before anything installs it: LICENSE, README and dist are in
// it; its exports name no source path and no private condition; every file the manifest points
// at is in the tarball; no `workspace:` range leaked into its dependencies.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const PRIVATE_CONDITION = '@stratum/source';

/** The problems of one packed package, given its file list and its package.json. */
export function tarballProblems(files, manifest) {
  const problems = [];
  const has = (path) => files.includes(`package/${path.replace(/^\.\//, '')}`);
  for (const required of ['LICENSE', 'README.md', 'package.json']) {
    if (!has(required)) problems.push(`${required} is missing`);
  }
  if (!files.some((file) => file.startsWith('package/dist/'))) problems.push('dist/ is missing');

  const targets = [];
  const walk = (value, path) => {
    if (typeof value === 'string') {
      targets.push({ label: `exports${path}`, target: value });
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === PRIVATE_CONDITION)
        problems.push(`exports${path}["${key}"] is a private condition`);
      walk(inner, `${path}["${key}"]`);
    }
  };
  if (manifest.exports === undefined) problems.push('exports is missing');
  walk(manifest.exports, '');
  for (const field of ['main', 'types']) {
    if (typeof manifest[field] === 'string')
      targets.push({ label: field, target: manifest[field] });
  }
  for (const { label, target } of targets) {
    if (/(^|\/)src(\/|$)/.test(target)) problems.push(`${label} points into src: ${target}`);
    else if (!has(target))
      problems.push(`${label} points at ${target}, which is not in the tarball`);
  }
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (String(range).startsWith('workspace:')) problems.push(`${field}.${name} is ${range}`);
    }
  }
  for (const field of ['license', 'repository', 'homepage', 'bugs']) {
    if (manifest[field] === undefined) problems.push(`${field} is missing`);
  }
  return problems;
}

function main(folder) {
  const tarballs = readdirSync(folder).filter((name) => name.endsWith('.tgz'));
  if (tarballs.length === 0) throw new Error(`no tarballs in ${folder}`);
  let failed = false;
  for (const tarball of tarballs) {
    const path = join(folder, tarball);
    const files = execFileSync('tar', ['-tzf', path], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    const manifest = JSON.parse(
      execFileSync('tar', ['-xzOf', path, 'package/package.json'], { encoding: 'utf8' }),
    );
    const problems = tarballProblems(files, manifest);
    if (problems.length === 0) {
      console.log(`ok ${tarball} (${files.length} files)`);
    } else {
      failed = true;
      for (const problem of problems) console.error(`FAIL ${tarball}: ${problem}`);
    }
  }
  if (failed) process.exit(1);
  console.log(
    `${tarballs.length} tarballs hold LICENSE, README and dist, with no src path in their exports`,
  );
}

if (process.argv[2] !== undefined) main(process.argv[2]);
