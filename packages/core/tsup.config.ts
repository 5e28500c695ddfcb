import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/provider-kit/index.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node22',
  // valibot is built to be tree-shaken: the checks core uses are a few KB, while its package
  // (type declarations for every schema and action it offers) would add 1.8 MB to each install.
  noExternal: ['valibot'],
});
