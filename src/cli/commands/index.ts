import type { CliCommand } from '../command';
import { auditCommand } from './audit';
import { hashCommand } from './hash';
import { userCommand } from './user';

/** Every sub-command, in the order `--help` lists them. Later issues add hash, group, match, user, audit. */
export const commands: readonly CliCommand[] = [hashCommand, userCommand, auditCommand];
