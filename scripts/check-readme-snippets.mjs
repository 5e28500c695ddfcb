// Type-checks every ```ts block of the root README and the package and example READMEs, each as
// its own module exactly as written, so a snippet a newcomer copies compiles. `@stratum/*` imports
// resolve to the workspace sources through each package's `@stratum/source` export; other
// imports resolve from the package whose README holds the snippet. Errors are reported at
// their README line. Usage: node scripts/check-readme-snippets.mjs [README paths…]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SNIPPET_FOLDER = '.readme-snippets';
/** Folders whose packages' READMEs are checked, besides the root README. */
const README_GROUPS = ['packages', 'examples'];

/**
 * A block right after this comment is left out, for code that needs a package the repository
 * does not install; the comment must say which and why, so the exception stays visible.
 */
const SKIP_MARKER = /^<!-- snippet: not type-checked, .+-->$/;

/**
 * The ```ts / ```typescript blocks of a Markdown text, with the line each one's code starts on
 * and whether a skip marker precedes it.
 */
export function extractSnippets(markdown) {
  const snippets = [];
  const lines = markdown.split('\n');
  let open;
  for (const [index, line] of lines.entries()) {
    if (open === undefined) {
      if (/^```(ts|typescript)\s*$/.test(line.trim())) {
        const skipped = SKIP_MARKER.test((lines[index - 1] ?? '').trim());
        open = { line: index + 2, code: [], skipped };
      }
    } else if (line.trim() === '```') {
      snippets.push({ line: open.line, code: open.code.join('\n'), skipped: open.skipped });
      open = undefined;
    } else {
      open.code.push(line);
    }
  }
  return snippets;
}

/** `@stratum/x[/sub]` → its source file, from each package's `@stratum/source` export. */
function sourcePaths() {
  const paths = {};
  for (const name of readdirSync(join(root, 'packages'))) {
    const manifestPath = join(root, 'packages', name, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      const source = typeof target === 'object' ? target['@stratum/source'] : undefined;
      if (typeof source !== 'string') continue;
      const specifier = subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`;
      paths[specifier] = [join(root, 'packages', name, source)];
    }
  }
  return paths;
}

function readmes() {
  const listed = process.argv.slice(2);
  if (listed.length > 0) return listed.map((path) => resolve(path));
  const found = [join(root, 'README.md')];
  for (const group of README_GROUPS) {
    if (!existsSync(join(root, group))) continue;
    for (const name of readdirSync(join(root, group)).sort()) {
      const path = join(root, group, name, 'README.md');
      if (existsSync(path)) found.push(path);
    }
  }
  return found;
}

function main() {
  // Each README's snippets sit in its own folder (the package's, or scripts/ for the root), so
  // third-party imports resolve from that package's dependencies.
  const written = [];
  const folders = new Set();
  for (const readme of readmes()) {
    const home = dirname(readme) === root ? join(root, 'scripts') : dirname(readme);
    const folder = join(home, SNIPPET_FOLDER);
    rmSync(folder, { recursive: true, force: true });
    const all = extractSnippets(readFileSync(readme, 'utf8'));
    for (const snippet of all.filter((each) => each.skipped)) {
      console.log(`skipped ${relative(root, readme)}:${snippet.line} (marked not type-checked)`);
    }
    const snippets = all.filter((each) => !each.skipped);
    if (snippets.length === 0) continue;
    mkdirSync(folder, { recursive: true });
    folders.add(folder);
    for (const [index, snippet] of snippets.entries()) {
      const file = join(folder, `snippet-${index + 1}.mts`);
      // `export {}` only makes the file a module, as any file of an ESM project is.
      writeFileSync(file, `${snippet.code}\nexport {};\n`);
      written.push({ file, readme, line: snippet.line });
    }
  }
  const config = join(root, 'scripts', SNIPPET_FOLDER, 'tsconfig.json');
  mkdirSync(dirname(config), { recursive: true });
  folders.add(dirname(config));
  writeFileSync(
    config,
    JSON.stringify({
      extends: join(root, 'tsconfig.base.json'),
      compilerOptions: { noEmit: true, paths: sourcePaths() },
      files: written.map((entry) => entry.file),
    }),
  );
  let output = '';
  let failed = false;
  try {
    execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', config, '--pretty', 'false'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    failed = true;
    output = `${error.stdout ?? ''}${error.stderr ?? ''}`;
  }
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  if (!failed) {
    console.log(`README snippets: ${written.length} ts blocks compile as written`);
    return;
  }
  for (const line of output.split('\n').filter(Boolean)) {
    const match = /^(.+?)\((\d+),(\d+)\): (.*)$/.exec(line);
    const entry = match && written.find((each) => resolve(process.cwd(), match[1]) === each.file);
    if (entry && match) {
      const readmeLine = entry.line + Number(match[2]) - 1;
      console.error(`${relative(root, entry.readme)}:${readmeLine}:${match[3]} ${match[4]}`);
    } else {
      console.error(line);
    }
  }
  console.error('README snippets: some ts blocks do not compile as written (see above)');
  process.exitCode = 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
