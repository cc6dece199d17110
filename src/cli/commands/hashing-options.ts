import { parseSecondsPerHash } from '../../domain/video/frame-sampling';
import type { CliIo } from '../command';

/**
 * The hashing options `waymark hash` and `waymark group` share, read the same way with the same
 * words: each returns the value, or null after saying on stderr what the option needs.
 */
export function readJobs(command: string, value: string | undefined, io: CliIo): number | null {
  const jobs = Number(value);
  if (Number.isInteger(jobs) && jobs >= 1) return jobs;
  io.stderr.write(`waymark ${command}: --jobs needs a whole number of at least 1.\n`);
  return null;
}

export function readSecondsPerHash(command: string, value: string | undefined, io: CliIo): number | null {
  const seconds = parseSecondsPerHash(value);
  if (seconds !== null) return seconds;
  io.stderr.write(
    `waymark ${command}: --seconds-per-hash needs a number of seconds, 0 or more (0 = every frame).\n`,
  );
  return null;
}
