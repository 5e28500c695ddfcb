import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      // A real redis-server for the run; it fails the run, with install instructions, when missing.
      globalSetup: ['test/global-setup.ts'],
    },
  }),
);
