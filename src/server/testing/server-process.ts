// A real server process (`node src/server/main.ts`, as `npm start` runs it) on a test database, and
// HTTP helpers that speak to it the way the SPA does. For the scale-out tests: several processes on
// one PostgreSQL database, killed at will.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

import pg from 'pg';

import { LEADER_APPLICATION_NAME, LEADER_LOCK_KEY } from '../services/cluster/pg-leadership';

export interface ServerProcess {
  readonly base: string;
  readonly pid: number;
  readonly output: () => string;
  /** SIGKILL: the process dies at once, mid-whatever, as a crash would. */
  kill(): Promise<void>;
  /** SIGTERM: a clean stop. */
  stop(): Promise<void>;
}

export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      WAYMARK_DIST: '/nonexistent',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 60_000);
    child.stdout?.on('data', (b: Buffer) => {
      output += b.toString();
      const found = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (found?.[1]) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      reject(new Error(`server exited: ${output}`));
    });
  });
  const exited = once(child, 'exit');
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    base,
    pid: child.pid ?? 0,
    output: () => output,
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}

/** The process id of the server process holding the jobs leader's advisory lock (null: none). */
export async function leaderPid(databaseUrl: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ application_name: string }>(
      `select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid
       where l.locktype = 'advisory' and l.granted and l.objid = $1`,
      [LEADER_LOCK_KEY],
    );
    const name = result.rows[0]?.application_name ?? '';
    return name.startsWith(`${LEADER_APPLICATION_NAME}:`) ? Number(name.split(':')[1]) : null;
  } finally {
    await client.end();
  }
}

/** Signs in over HTTP and returns the Cookie header value. */
export async function loginAt(base: string, username: string, password: string): Promise<string> {
  const response = await apiAt(base, 'POST', '/api/auth/login', { body: { username, password } });
  if (response.status !== 200) throw new Error(`login: ${response.status} ${await response.text()}`);
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('login set no cookie');
  return cookie;
}

/** A request as the SPA sends it (JSON, X-Waymark-Request, same origin). */
export function apiAt(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  options: { cookie?: string; body?: unknown } = {},
): Promise<Response> {
  return fetch(`${base}${path}`, {
    method,
    headers: {
      ...(method === 'POST'
        ? { 'content-type': 'application/json', 'x-waymark-request': '1', origin: base }
        : {}),
      ...(options.cookie ? { cookie: options.cookie } : {}),
    },
    ...(method === 'POST' ? { body: JSON.stringify(options.body ?? {}) } : {}),
  });
}
