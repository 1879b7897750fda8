import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
    // The live suite creates real AWS resources: only `npm run test:live` runs it (vitest.live.config.ts).
    exclude: [...configDefaults.exclude, 'test/live/**'],
    testTimeout: 20_000,
    hookTimeout: 600_000,
    // e2e tests share one Docker daemon; the rest are fast and independent.
    fileParallelism: true,
  },
});
