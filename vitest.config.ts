import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['lib/**/*.test.ts', 'test/**/*.test.ts', 'workers/**/*.test.ts', 'components/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Native addons (onnxruntime, better-sqlite3, sharp) are happier in forked processes.
    pool: 'forks',
    maxWorkers: 2,
  },
});
