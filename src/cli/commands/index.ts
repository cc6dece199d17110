import type { CliCommand } from '../command';

/** Every sub-command, in the order `--help` lists them. Later issues add hash, group, match, user, audit. */
export const commands: readonly CliCommand[] = [];
