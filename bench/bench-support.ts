// What the browser benchmarks share: the real server started from scripts/start.mjs on its own port and
// build folder, and Debian's Chromium launched with the same options as the end-to-end tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import { chromium, type Browser } from '@playwright/test';

import config from '../playwright.config';
import { REPO_ROOT } from '../test/corpus';

export function startBenchServer(options: { port: number; dist: string; dataName: string }): ChildProcess {
  return spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      WAYMARK_DIST: options.dist,
      DATA_DIR: join(REPO_ROOT, 'node_modules', options.dataName),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch(config.use?.launchOptions ?? { executablePath: '/usr/bin/chromium' });
}

export async function waitForServer(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not start at ${url}`);
}
