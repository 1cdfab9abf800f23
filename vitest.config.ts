import { defineConfig } from 'vitest/config';

// Five projects, one per folder of tests/: `npm test` runs unit, http and integration; `npm run test:e2e`
// the browser tests; `npm run test:bench` the benchmark's quick run (minutes of load, so not in `npm test`).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      // HTTP tests hash passwords (scrypt) and render in worker threads: on a 2-core machine shared by
      // several test runs, the 5 s default timed out tests whose assertions all held.
      { test: { name: 'http', include: ['tests/http/**/*.test.ts'], testTimeout: 60_000 } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/integration/start-meilisearch.ts'],
          // One engine for the suite; files run one at a time so indexing does not starve searches on 2 cores.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'bench',
          include: ['tests/bench/**/*.test.ts'],
          testTimeout: 600_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
