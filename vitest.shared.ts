import { defineConfig } from 'vitest/config';

/** Tests run against the workspace packages' sources (the `@stratum/source` export condition), so no build is needed first. */
export default defineConfig({
  resolve: { conditions: ['@stratum/source', 'import', 'default'] },
  ssr: { resolve: { conditions: ['@stratum/source', 'import', 'default'] } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
