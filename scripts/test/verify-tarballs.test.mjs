import { describe, expect, it } from 'vitest';
import { tarballProblems } from '../packed/verify-tarballs.mjs';

const files = [
  'package/LICENSE',
  'package/README.md',
  'package/package.json',
  'package/dist/index.js',
  'package/dist/index.d.ts',
];
const manifest = {
  name: '@stratum/example',
  license: 'MIT',
  repository: { type: 'git', url: 'git+https://github.com/stratum-ai/stratum.git' },
  homepage: 'https://github.com/stratum-ai/stratum#readme',
  bugs: { url: 'https://github.com/stratum-ai/stratum/issues' },
  main: './dist/index.js',
  types: './dist/index.d.ts',
  exports: {
    '.': { types: './dist/index.d.ts', import: './dist/index.js' },
    './package.json': './package.json',
  },
  dependencies: { '@stratum/core': '^0.1.0', openai: '^7.57.0' },
};

describe('verify-tarballs', () => {
  it('accepts a complete tarball', () => {
    expect(tarballProblems(files, manifest)).toEqual([]);
  });

  it('names each thing a stranger would trip over', () => {
    const problems = tarballProblems(
      files.filter((file) => file !== 'package/LICENSE' && !file.startsWith('package/dist/')),
      {
        ...manifest,
        repository: undefined,
        exports: {
          '.': { '@stratum/source': './src/index.ts', types: './dist/index.d.ts' },
          './tokenizer': './dist/tokenizer.js',
        },
        dependencies: { '@stratum/core': 'workspace:^' },
      },
    );
    expect(problems).toEqual([
      'LICENSE is missing',
      'dist/ is missing',
      'exports["."]["@stratum/source"] is a private condition',
      'exports["."]["@stratum/source"] points into src: ./src/index.ts',
      'exports["."]["types"] points at ./dist/index.d.ts, which is not in the tarball',
      'exports["./tokenizer"] points at ./dist/tokenizer.js, which is not in the tarball',
      'main points at ./dist/index.js, which is not in the tarball',
      'types points at ./dist/index.d.ts, which is not in the tarball',
      'dependencies.@stratum/core is workspace:^',
      'repository is missing',
    ]);
  });
});
