import { defineConfig } from 'vitest/config';

/** Tests run against the workspace packages' sources (the `source` export condition), so no build is needed first. */
export default defineConfig({
  resolve: { conditions: ['source', 'import', 'default'] },
  ssr: { resolve: { conditions: ['source', 'import', 'default'] } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
