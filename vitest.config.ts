import { configDefaults, defineConfig } from 'vitest/config';
import { scaled } from './test/support/wait.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
    // The live suite creates real AWS resources: only `npm run test:live` runs it (vitest.live.config.ts).
    exclude: [...configDefaults.exclude, 'test/live/**'],
    // Scaled on a loaded machine (HATOBA_E2E_TIMEOUT_SCALE or the load average; test/support/wait.ts).
    testTimeout: scaled(20_000),
    hookTimeout: scaled(600_000),
    // e2e tests share one Docker daemon; the rest are fast and independent.
    fileParallelism: true,
  },
});
