import { defineConfig } from 'vitest/config';

/**
 * `npm run test:live`: the suite that runs hatoba against a real AWS account (docs/live-tests.md). Never part of
 * `npm test` or CI; without HATOBA_LIVE=1 and matching credentials it prints why it is skipped and passes.
 */
export default defineConfig({
  test: {
    include: ['test/live/**/*.test.ts'],
    // One account, one run at a time; the steps inside the file run in order.
    fileParallelism: false,
    testTimeout: 30 * 60_000,
    hookTimeout: 60 * 60_000,
  },
});
