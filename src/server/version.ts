import { readFileSync } from 'node:fs';

/** The version in package.json: one source of truth for the server, the CLI and /api/health. */
export const WAYMARK_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
