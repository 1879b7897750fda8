import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 600_000,
    // e2e tests share one Docker daemon; the rest are fast and independent.
    fileParallelism: true,
  },
});
