// A real app over a real test database, with helpers that speak the API the way the SPA does
// (JSON body + X-Waymark-Request header + session cookie). Users are created through the same
// service the CLI uses.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

import type { DatabaseKind } from '../../contract/health.contract';
import { createApp } from '../app';
import type { ScaleConfig, SecurityConfig } from '../config';
import type { Cluster } from '../services/cluster/cluster';
import { createUnitOfWork } from '../repositories/unit-of-work';
import { UsersService, type NewUser } from '../services/users.service';
import { createTestDatabase, type TestDatabase } from './test-database';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly testDb: TestDatabase;
  addUser(username: string, extra?: Partial<NewUser>): Promise<string>;
  /** Signs in and returns the Cookie header value. */
  login(username: string, password?: string): Promise<string>;
  call(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    options?: { cookie?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function createTestApp(
  kind: DatabaseKind,
  options: {
    security?: Partial<SecurityConfig>;
    now?: () => Date;
    testDb?: TestDatabase;
    scale?: Partial<ScaleConfig>;
    cluster?: Cluster;
  } = {},
): Promise<TestApp> {
  const testDb = options.testDb ?? (await createTestDatabase(kind));
  const app = await createApp({
    database: testDb.database,
    version: 'test',
    security: options.security,
    now: options.now,
    scale: options.scale,
    cluster: options.cluster,
  });
  const users = new UsersService(createUnitOfWork(testDb.database));

  const call: TestApp['call'] = (method, url, o = {}) => {
    const mutating = method !== 'GET';
    return app.inject({
      method,
      url,
      headers: {
        ...(mutating ? { 'content-type': 'application/json', 'x-waymark-request': '1' } : {}),
        ...(o.cookie ? { cookie: o.cookie } : {}),
        ...o.headers,
      },
      ...(mutating ? { payload: JSON.stringify(o.body ?? {}) } : {}),
    });
  };

  return {
    app,
    testDb,
    async addUser(username, extra = {}) {
      const result = await users.create(
        { username, password: TEST_PASSWORD, ...extra },
        { id: null, name: 'test' },
      );
      if (!result.ok) throw new Error(result.message);
      return result.value.id;
    },
    async login(username, password = TEST_PASSWORD) {
      const response = await call('POST', '/api/auth/login', { body: { username, password } });
      if (response.statusCode !== 200)
        throw new Error(`login failed: ${response.statusCode} ${response.body}`);
      const cookie = response.cookies[0];
      if (!cookie) throw new Error('login set no cookie');
      return `${cookie.name}=${cookie.value}`;
    },
    call,
    async close() {
      await app.close();
      if (!options.testDb) await testDb.dispose();
    },
  };
}
