import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // dist/ built once, before the test files that spawn bin/restudy.js (see the file)
    globalSetup: ['test/package/buildDist.globalSetup.ts'],
  },
});
