import { resolve } from 'node:path';

import { defineConfig } from '@playwright/test';

// End-to-end tests drive Debian's Chromium against the production build served by the real server
// (scripts/start.mjs builds first when the build is missing or stale). Never a downloaded browser.
const port = Number(process.env.E2E_PORT ?? 8181);
// Computed once in the runner and handed to its workers through the environment, so specs can open the
// same DATA_DIR as the server (e.g. to add a user with the CLI): read process.env.E2E_DATA_DIR.
process.env.E2E_DATA_DIR ??= resolve(`node_modules/.e2e-data/${Date.now()}`);
const dataDir = process.env.E2E_DATA_DIR;

export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: 'node scripts/start.mjs',
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      ...(process.env as Record<string, string>),
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
    },
  },
});
