#!/usr/bin/env node
// `npm run dev`: the API server (with reload on change) plus Vite's dev server, which proxies /api to it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const apiPort = process.env.WAYMARK_API_PORT ?? '8080';
const env = { ...process.env, PORT: apiPort, WAYMARK_API_PORT: apiPort, WAYMARK_DEV: '1' };
const children = [
  spawn(
    process.execPath,
    [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'watch', 'src/server/main.ts'],
    { cwd: root, stdio: 'inherit', env },
  ),
  spawn(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), '--host', '127.0.0.1'], {
    cwd: root,
    stdio: 'inherit',
    env,
  }),
];
const stop = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children)
  c.on('exit', (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
