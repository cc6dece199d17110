import { canonicalJson } from '../../server/services/canonical-json';
import { verifyChain } from '../../server/services/audit-chain';
import { appendAudit, AuditAction } from '../../server/services/audit-trail';
import { ExitCode, type CliCommand, type CliIo } from '../command';
import { cliActor, openServerStorage } from '../server-storage/open-server-storage';

const PAGE = 1000;

const usage = `Usage: npm run -s waymark -- audit <action>

The team server's audit trail (the same DATA_DIR / DATABASE_URL as the server).

Actions:
  verify  recompute the hash chain; exit 0 when intact, 1 naming the first broken entry
  export  write every entry as JSON lines to standard output (the export itself is audited)
`;

async function verify(io: CliIo): Promise<number> {
  const { database, uow } = await openServerStorage(io.env);
  try {
    const verdict = await verifyChain(
      (after) => uow.read.audit.page(after, PAGE),
      await uow.read.audit.head(),
    );
    if (verdict.ok) {
      io.stdout.write(`audit trail intact: ${verdict.entries} entries, head ${verdict.headHash}\n`);
      return ExitCode.ok;
    }
    io.stdout.write(
      `audit trail BROKEN at entry ${verdict.seq} (${verdict.problem}): ${verdict.message}\n` +
        `${verdict.entries} entries before it verified.\n`,
    );
    return ExitCode.failed;
  } finally {
    await database.close();
  }
}

async function exportTrail(io: CliIo): Promise<number> {
  const { database, uow } = await openServerStorage(io.env);
  try {
    // The export is recorded first, so the exported file contains the record of its own export.
    const seq = await uow.transaction((repos) =>
      appendAudit(
        repos,
        { action: AuditAction.exported, actor: cliActor(), detail: { what: 'audit-trail' } },
        new Date(),
      ),
    );
    let after = 0;
    for (;;) {
      const page = await uow.read.audit.page(after, PAGE);
      if (page.length === 0 || after >= seq) break;
      for (const row of page) if (row.seq <= seq) io.stdout.write(`${canonicalJson({ ...row })}\n`);
      after = page[page.length - 1]?.seq ?? after;
    }
    return ExitCode.ok;
  } finally {
    await database.close();
  }
}

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: "verify or export the team server's hash-chained audit trail",
  usage,
  async run(args, io) {
    const [action] = args;
    try {
      if (action === 'verify') return await verify(io);
      if (action === 'export') return await exportTrail(io);
    } catch (error) {
      io.stderr.write(`waymark audit: ${error instanceof Error ? error.message : String(error)}\n`);
      return ExitCode.failed;
    }
    io.stderr.write(`waymark audit: unknown action "${action ?? ''}".\n\n${usage}`);
    return ExitCode.usage;
  },
};
