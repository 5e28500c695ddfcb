import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node22',
  // `node:sqlite` exists only under its prefixed name; the default rewrite to `sqlite` breaks the import.
  removeNodeProtocol: false,
});
