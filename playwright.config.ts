/**
 * Browser tests against the real product: `tsx scripts/start.ts` (build if stale, migrate, seed,
 * web app and demo worker) on a fresh SQLite file in a temp folder and a free port, so a run never
 * touches data/loupe.db or a server already running on 3000.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';

// The config is loaded again in every test worker; the runner's choices travel in its environment.
process.env.LOUPE_E2E_PORT ??= execFileSync(process.execPath, [
  '-e',
  "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
]).toString();
process.env.LOUPE_E2E_DIR ??= mkdtempSync(join(tmpdir(), 'loupe-e2e-'));

const port = Number(process.env.LOUPE_E2E_PORT);
const dir = process.env.LOUPE_E2E_DIR;

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: 'only-on-failure',
    trace: 'off',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-dev-shm-usage',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
          ],
        },
      },
    },
  ],
  webServer: {
    command: 'node_modules/.bin/tsx scripts/start.ts',
    url: `http://127.0.0.1:${port}/api/health`,
    // A first run builds the app: minutes on a 2-core machine.
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
    env: {
      PORT: String(port),
      DATABASE_URL: `file:${join(dir, 'loupe.db')}`,
      LOUPE_SPOOL_DIR: join(dir, 'spool'),
      // The Precision Lab writes uploads, variants and reports here, never into models/.
      LOUPE_DATA_DIR: join(dir, 'data'),
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
});
