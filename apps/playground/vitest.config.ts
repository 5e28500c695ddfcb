import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

export default mergeConfig(
  shared,
  defineConfig({
    // One browser at a time: the tests share the machine with everything else.
    test: { fileParallelism: false, testTimeout: 120_000, hookTimeout: 180_000 },
  }),
);
