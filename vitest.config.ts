import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/globalSetup.ts'],
    // Two files at once on a two-core machine: the browser tests wait on a server and a browser, so the suite
    // takes about a third less time than one file at a time.
    maxWorkers: 2,
    testTimeout: 60_000,
  },
});
