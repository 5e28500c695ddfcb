import { defineConfig } from 'vitest/config';

/** The repository scripts' own tests; their JSON report is counted by summarize-tests.mjs. */
export default defineConfig({
  test: {
    include: ['test/**/*.test.mjs'],
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report.json' },
    testTimeout: 20_000,
  },
});
