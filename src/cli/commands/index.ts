import type { CliCommand } from '../command';

/**
 * Every sub-command, in the order `--help` lists them, loaded only when used: `user` and `audit` pull
 * in the database drivers and `group` the image analysis, which `hash` should not pay for at start-up.
 */
export interface CommandEntry {
  readonly name: string;
  load(): Promise<CliCommand>;
}

export const commands: readonly CommandEntry[] = [
  { name: 'hash', load: async () => (await import('./hash')).hashCommand },
  { name: 'group', load: async () => (await import('./group')).groupCommand },
  { name: 'match', load: async () => (await import('./match')).matchCommand },
  { name: 'user', load: async () => (await import('./user')).userCommand },
  { name: 'audit', load: async () => (await import('./audit')).auditCommand },
  { name: 'sync', load: async () => (await import('./sync')).syncCommand },
];
