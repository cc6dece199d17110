import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A team server of the spec's own (not Playwright's webServer), so a spec can stop and restart it
 * mid-sync. It serves the build the webServer made (same WAYMARK_DIST), on its own port and data folder.
 */
export class TeamServer {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'waymark-team-'));
  readonly url: string;
  private process: ChildProcess | undefined;

  constructor(readonly port: number) {
    this.url = `http://127.0.0.1:${port}`;
  }

  addUser(username: string, password: string, displayName: string, organization: string, contact: string) {
    addUser(this.dataDir, { username, password, displayName, organization, contact });
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['scripts/start.mjs'], {
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        DATABASE_URL: '',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    this.process = child;
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the team server exited with ${child.exitCode}`);
      try {
        const response = await fetch(`${this.url}/api/health`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`the team server did not answer on ${this.url} within 120 s`);
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    this.process = undefined;
  }
}

/** Adds a user with the real CLI to the SQLite storage in `dataDir` (the password comes through a pipe). */
export function addUser(
  dataDir: string,
  user: { username: string; password: string; displayName: string; organization: string; contact: string },
): void {
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/main.ts',
      'user',
      'add',
      '--display-name',
      user.displayName,
      '--organization',
      user.organization,
      '--contact',
      user.contact,
      user.username,
    ],
    {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
      input: `${user.password}\n`,
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(`waymark user add failed: ${result.stderr}`);
}
