#!/usr/bin/env node
// `npm run -s waymark -- …`: the command line from its cached bundle when that is as new as its sources
// (starts in ~50 ms), else from its TypeScript through tsx, rebuilding the bundle for the next run
// (src/cli/bundle/cli-bundle.ts).
import { existsSync } from 'node:fs';

const entry = new URL('../node_modules/.cache/waymark/cli/bundled-main.mjs', import.meta.url);
const ran = existsSync(entry) && (await (await import(entry.href)).runIfFresh());
if (!ran) {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/bundle/run-and-rebundle.ts');
}
