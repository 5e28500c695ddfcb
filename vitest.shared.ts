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
    // Generous: a test that waits on events should never meet these on a loaded 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
