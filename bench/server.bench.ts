// `npm run bench:server`: concurrent clients on loopback (autocannon) against the real server process,
// on SQLite and on PostgreSQL. Three workloads: sign-in alone (argon2id-bound by design), listing
// cases with a session, and a sign-in followed by a listing per client. Prints requests/s and p99
// latency per workload and database, and the SQLite/PostgreSQL ratio. Then the heaviest legal push
// (colliding-push.ts: 2,000 stored copies of one PDQ, 500 more pushed in 500 series, and a record with
// 40,000 dihedral hashes) with the worst /api/health latency seen meanwhile. Settings: BENCH_SECONDS
// (10), BENCH_CONNECTIONS (16), BENCH_USERS (20), BENCH_CASES_PER_USER (25), BENCH_COLLIDING_STORED
// (2000), BENCH_COLLIDING_PUSHED (500).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

import autocannon from 'autocannon';

import type { DatabaseKind } from '../src/contract/health.contract';
import { createUnitOfWork } from '../src/server/repositories/unit-of-work';
import { UsersService } from '../src/server/services/users.service';
import { createTestDatabase, TEST_DATABASE_KINDS } from '../src/server/testing/test-database';
import { collidingPush, type CollidingFigures } from './colliding-push';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const USERS = Number(process.env.BENCH_USERS ?? 20);
const CASES_PER_USER = Number(process.env.BENCH_CASES_PER_USER ?? 25);
const PASSWORD = 'bench passphrase of enough length';
const JSON_HEADERS = { 'content-type': 'application/json', 'x-waymark-request': '1' };

interface Figure {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
}

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', WAYMARK_DIST: '/nonexistent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (b: Buffer) => {
      output += b.toString();
      const match = /listening on (http:\/\/[\d.:]+)/.exec(output);
      if (match?.[1]) resolve({ child, url: match[1] });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
}

function figure(result: autocannon.Result): Figure {
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

const cookieOf = (headers: Record<string, string | string[] | undefined>): string | undefined => {
  const raw = headers['set-cookie'] ?? headers['Set-Cookie'];
  const first = Array.isArray(raw) ? raw[0] : raw;
  return first?.split(';')[0];
};

async function login(url: string, username: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!response.ok || !cookie) throw new Error(`login ${username}: ${response.status}`);
  return cookie;
}

const colliding: Partial<Record<DatabaseKind, CollidingFigures>> = {};

async function benchKind(kind: DatabaseKind): Promise<Record<string, Figure>> {
  const testDb = await createTestDatabase(kind);
  const users = new UsersService(createUnitOfWork(testDb.database));
  const names = Array.from({ length: USERS }, (_, i) => `analyst${i}`);
  for (const name of names) {
    const created = await users.create(
      { username: name, password: PASSWORD, organization: 'Bench unit' },
      { id: null, name: 'bench' },
    );
    if (!created.ok) throw new Error(created.message);
  }
  const { child, url } = await startServer({
    ...testDb.env,
    // The colliding push is one account's heaviest legal work, not a budget test.
    WAYMARK_SYNC_LOOKUPS_PER_HOUR: '1000000',
  });
  try {
    const cookies: string[] = [];
    for (const name of names) {
      const cookie = await login(url, name);
      cookies.push(cookie);
      for (let c = 0; c < CASES_PER_USER; c++) {
        const response = await fetch(`${url}/api/cases`, {
          method: 'POST',
          headers: { ...JSON_HEADERS, cookie },
          body: JSON.stringify({ name: `${name} case ${c}` }),
        });
        if (response.status !== 201) throw new Error(`seed case: ${response.status}`);
      }
    }

    const out: Record<string, Figure> = {};
    let nextUser = 0;
    out['sign-in'] = figure(
      await autocannon({
        url: `${url}/api/auth/login`,
        connections: CONNECTIONS,
        duration: SECONDS,
        method: 'POST',
        headers: JSON_HEADERS,
        requests: [
          {
            setupRequest: (request) => ({
              ...request,
              body: JSON.stringify({ username: names[nextUser++ % names.length], password: PASSWORD }),
            }),
          },
        ],
      }),
    );

    let nextCookie = 0;
    out['list cases'] = figure(
      await autocannon({
        url: `${url}/api/cases`,
        connections: CONNECTIONS,
        duration: SECONDS,
        setupClient: (client) => client.setHeaders({ cookie: cookies[nextCookie++ % cookies.length] ?? '' }),
      }),
    );

    out['sign-in + list'] = figure(
      await autocannon({
        url,
        connections: CONNECTIONS,
        duration: SECONDS,
        requests: [
          {
            method: 'POST',
            path: '/api/auth/login',
            headers: JSON_HEADERS,
            setupRequest: (request) => ({
              ...request,
              body: JSON.stringify({ username: names[nextUser++ % names.length], password: PASSWORD }),
            }),
            onResponse: (_status, _body, context, headers) => {
              (context as { cookie?: string }).cookie = cookieOf(headers ?? {});
            },
          },
          {
            method: 'GET',
            path: '/api/cases',
            setupRequest: (request, context) => ({
              ...request,
              headers: { cookie: (context as { cookie?: string }).cookie ?? '' },
            }),
          },
        ],
      }),
    );
    colliding[kind] = await collidingPush(url, cookies[0]!);
    return out;
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
    await testDb.dispose();
  }
}

const results: Partial<Record<DatabaseKind, Record<string, Figure>>> = {};
for (const kind of TEST_DATABASE_KINDS) {
  console.log(
    `bench:server: ${kind}: seeding ${USERS} users × ${CASES_PER_USER} cases, then ${SECONDS}s per workload at ${CONNECTIONS} connections…`,
  );
  results[kind] = await benchKind(kind);
}

const fmt = (n: number, digits = 0) => n.toFixed(digits).padStart(9);
console.log(
  `\nbench:server (loopback, ${CONNECTIONS} connections, ${SECONDS}s each; machine shared with other work)`,
);
console.log(
  `${'workload'.padEnd(16)}${'database'.padEnd(10)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'non-2xx'.padStart(9)}${'errors'.padStart(9)}`,
);
for (const workload of ['sign-in', 'list cases', 'sign-in + list']) {
  for (const kind of TEST_DATABASE_KINDS) {
    const f = results[kind]?.[workload];
    if (!f) continue;
    console.log(
      `${workload.padEnd(16)}${kind.padEnd(10)}${fmt(f.rps)}${fmt(f.p50)}${fmt(f.p99)}${fmt(f.non2xx)}${fmt(f.errors)}`,
    );
  }
  const s = results.sqlite?.[workload];
  const p = results.postgres?.[workload];
  if (s && p)
    console.log(
      `${''.padEnd(16)}sqlite/postgres: ${(s.rps / p.rps).toFixed(2)}× req/s, ${(s.p99 / p.p99).toFixed(2)}× p99`,
    );
}

console.log('\nthe heaviest legal push (one account): /api/health polled every 10 ms from another process');
for (const kind of TEST_DATABASE_KINDS) {
  const c = colliding[kind];
  if (!c) continue;
  console.log(
    `${kind.padEnd(10)} worst ${c.worstMs.toFixed(0)} ms, p99 ${c.p99Ms.toFixed(0)} ms over ${c.samples} polls; ` +
      `colliding pushes of 500 took ${c.pushMs.map((ms) => (ms / 1000).toFixed(1)).join(' s, ')} s (notices included); ` +
      `a record with 40,000 dihedral hashes answered ${c.hugeDihedralStatus} in ${c.hugeDihedralMs.toFixed(0)} ms`,
  );
}
