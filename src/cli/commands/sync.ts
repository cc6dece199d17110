import { compactOlderThan } from '../../server/services/sync/compaction';
import { ExitCode, type CliCommand } from '../command';
import { cliActor, openServerStorage } from '../server-storage/open-server-storage';

const DEFAULT_DAYS = 90;

const usage = `Usage: npm run -s waymark -- sync compact [--older-than DAYS]

The team server's sync change log (the same DATA_DIR / DATABASE_URL as the server).

Actions:
  compact  delete the changes recorded more than DAYS days ago (default ${DEFAULT_DAYS}); the cases
           themselves are kept whole. A browser that has not synced since then downloads its cases
           again at its next sync, without losing its unsent changes. The compaction is audited.
`;

export const syncCommand: CliCommand = {
  name: 'sync',
  summary: "compact the team server's sync change log",
  usage,
  async run(args, io) {
    const [action, ...rest] = args;
    if (action !== 'compact') {
      io.stderr.write(`waymark sync: unknown action ${action ?? '(none)'}\n${usage}`);
      return ExitCode.usage;
    }
    let days = DEFAULT_DAYS;
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] === '--older-than') {
        days = Number(rest[++i]);
        if (!Number.isFinite(days) || days < 0) {
          io.stderr.write('waymark sync compact: --older-than needs a number of days (0 or more).\n');
          return ExitCode.usage;
        }
      } else {
        io.stderr.write(`waymark sync compact: unknown option ${rest[i]}\n${usage}`);
        return ExitCode.usage;
      }
    }
    const { database, uow } = await openServerStorage(io.env);
    try {
      const { deleted, minCursor } = await compactOlderThan(uow, days, new Date(), cliActor());
      io.stdout.write(
        `removed ${deleted} change${deleted === 1 ? '' : 's'} older than ${days} days; ` +
          `browsers whose last sync is before change ${minCursor + 1} will download their cases again.\n`,
      );
      return ExitCode.ok;
    } finally {
      await database.close();
    }
  },
};
