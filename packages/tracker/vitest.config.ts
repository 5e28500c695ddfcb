import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      // The 1,000,000-record tests and the two-process runs need room on a loaded machine.
      testTimeout: 180_000,
      hookTimeout: 180_000,
    },
  }),
);
