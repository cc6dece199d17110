import type { CliCommand } from '../command';
import { auditCommand } from './audit';
import { groupCommand } from './group';
import { hashCommand } from './hash';
import { matchCommand } from './match';
import { userCommand } from './user';

/** Every sub-command, in the order `--help` lists them. Later issues add hash, group, match, user, audit. */
export const commands: readonly CliCommand[] = [
  hashCommand,
  groupCommand,
  matchCommand,
  userCommand,
  auditCommand,
];
