#!/usr/bin/env node
// `npm start`: build the SPA when the build is missing or older than its sources, then run the server
// (which serves the build and the API from one process).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// WAYMARK_DIST lets parallel checkouts or test runs build into their own folder (default dist/).
const distDir = resolve(root, process.env.WAYMARK_DIST ?? 'dist');
const stamp = join(distDir, 'index.html');
const inputs = [
  'index.html',
  'vite.config.ts',
  'package-lock.json',
  'public',
  'src/client',
  'src/worker',
  'src/domain',
  'src/contract',
];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const sourcesAt = Math.max(...inputs.map((p) => newestMtime(join(root, p))));
if (builtAt < sourcesAt) {
  console.log(
    builtAt
      ? 'waymark: sources changed since the last build; rebuilding the app…'
      : 'waymark: building the app…',
  );
  const built = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--logLevel',
      'warn',
      '--outDir',
      distDir,
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (built.status !== 0) {
    console.error('waymark: the build failed; see the messages above.');
    process.exit(built.status ?? 1);
  }
}

const server = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'server', 'main.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, WAYMARK_DIST: distDir },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
