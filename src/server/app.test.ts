import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { HealthResponse } from '../contract/health.contract';
import { createApp } from './app';
import { createTestDatabase, TEST_DATABASE_KINDS, type TestDatabase } from './testing/test-database';
import { WAYMARK_VERSION } from './version';

describe.each(TEST_DATABASE_KINDS)('health on %s', (kind) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await testDb.dispose();
  });

  it('reports ok, the version and the database kind', async () => {
    const app = await createApp({ database: testDb.database, version: WAYMARK_VERSION });
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(HealthResponse.parse(response.json())).toEqual({
      status: 'ok',
      version: WAYMARK_VERSION,
      database: kind,
    });
    await app.close();
  });

  it('answers an unknown API path with a JSON 404', async () => {
    const app = await createApp({ database: testDb.database, version: WAYMARK_VERSION });
    const response = await app.inject({ method: 'GET', url: '/api/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: 'not_found' });
    await app.close();
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

describe('the real server process', () => {
  it.each(TEST_DATABASE_KINDS)('reports "%s" when started with that storage', async (kind) => {
    const testDb = await createTestDatabase(kind, { migrate: false });
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { ...process.env, ...testDb.env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    try {
      const deadline = Date.now() + 30_000;
      let body: unknown;
      while (Date.now() < deadline) {
        try {
          const response = await fetch(`http://127.0.0.1:${port}/api/health`);
          body = await response.json();
          break;
        } catch {
          if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      expect(body, output).toEqual({ status: 'ok', version: WAYMARK_VERSION, database: kind });
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
      await testDb.dispose();
    }
  });
});
