import { defineConfig } from 'vitest/config';

/** Tests run against the workspace packages' sources (the `@stratum/source` export condition), so no build is needed first. */
export default defineConfig({
  resolve: { conditions: ['@stratum/source', 'import', 'default'] },
  ssr: { resolve: { conditions: ['@stratum/source', 'import', 'default'] } },
  test: {
    include: ['test/**/*.test.ts'],
    // The JSON report feeds the repository-wide total printed by scripts/test-all.sh.
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report.json' },
    testTimeout: 20_000,
  },
});
