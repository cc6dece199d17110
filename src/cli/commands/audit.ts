import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { loadConfig } from '../../server/config';
import { verifyChain, type ChainExpectation } from '../../server/services/audit-chain';
import { createCheckpoint, trustCheckpoint } from '../../server/services/audit-checkpoint';
import {
  publicKeyFromFile,
  rotateSigningKey,
  signingKey,
  trustedPublicKeys,
} from '../../server/services/audit-keys';
import { appendAudit, AuditAction } from '../../server/services/audit-trail';
import { canonicalJson } from '../../server/services/canonical-json';
import { ExitCode, type CliCommand, type CliIo } from '../command';
import { cliActor, openServerStorage } from '../server-storage/open-server-storage';

const PAGE = 1000;

const usage = `Usage: npm run -s waymark -- audit <action>

The team server's audit trail (the same DATA_DIR / DATABASE_URL as the server).

Actions:
  verify [--checkpoint FILE]… [--public-key FILE]
          recompute the hash chain; exit 0 when intact, 1 naming the first broken entry. With a
          signed checkpoint, also detect any rewrite of the entries it covers, even one that
          recomputed every later hash, naming the first rewritten entry. The checkpoint's signature
          is checked against the trusted keys in the key folder, or against --public-key (a copy
          kept off this machine)
  checkpoint [--out FILE]
          verify the trail and sign a checkpoint of it with the audit key (made on first use);
          written to FILE, or to checkpoints/ in the key folder. Copy checkpoints off this machine
  rotate-key
          make a new signing key; the old public key stays trusted for older checkpoints
  export  write every entry as JSON lines to standard output (the export itself is audited)

The signing key lives in WAYMARK_AUDIT_KEY_DIR (default: <DATA_DIR>-audit-keys), never in the database.
`;

/** Reads and trusts each checkpoint given; null (with the reason printed) when one cannot be trusted. */
function trustedExpectations(
  files: readonly string[],
  publicKey: string | undefined,
  keyDir: string,
  io: CliIo,
): ChainExpectation[] | null {
  if (files.length === 0) return [];
  const trusted = publicKey ? publicKeyFromFile(publicKey) : trustedPublicKeys(keyDir);
  const expectations: ChainExpectation[] = [];
  for (const file of files) {
    const trust = trustCheckpoint(readFileSync(file, 'utf8'), trusted);
    if (!trust.ok) {
      io.stdout.write(`checkpoint ${file} NOT TRUSTED (${trust.problem}): ${trust.message}\n`);
      return null;
    }
    expectations.push(trust.expectation);
  }
  return expectations;
}

async function verify(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { checkpoint: { type: 'string', multiple: true }, 'public-key': { type: 'string' } },
  });
  const expectations = trustedExpectations(
    values.checkpoint ?? [],
    values['public-key'],
    loadConfig(io.env).auditKeyDir,
    io,
  );
  if (expectations === null) return ExitCode.failed;
  const { database, uow } = await openServerStorage(io.env);
  try {
    const head = await uow.read.audit.head();
    const pages = (after: number) => uow.read.audit.page(after, PAGE);
    // Each checkpoint is its own pass (one checkpoint is the usual case: the latest).
    const runs = expectations.length > 0 ? expectations : [undefined];
    for (const expected of runs) {
      const verdict = await verifyChain(pages, head, expected ? { expected } : {});
      if (!verdict.ok) {
        io.stdout.write(
          `audit trail BROKEN at entry ${verdict.seq} (${verdict.problem}): ${verdict.message}\n` +
            `${verdict.entries} entries before it verified.\n`,
        );
        return ExitCode.failed;
      }
      io.stdout.write(`audit trail intact: ${verdict.entries} entries, head ${verdict.headHash}\n`);
      if (expected)
        io.stdout.write(
          `entries 1 to ${expected.entries} are those signed by the checkpoint of ${expected.createdAt}\n`,
        );
    }
    return ExitCode.ok;
  } finally {
    await database.close();
  }
}

async function checkpoint(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { out: { type: 'string' } } });
  const config = loadConfig(io.env);
  const { key, created } = signingKey(config.auditKeyDir);
  if (created)
    io.stderr.write(
      `made a new audit signing key ${key.keyId} in ${config.auditKeyDir}; keep a copy of ` +
        `${join(config.auditKeyDir, 'trusted', `${key.keyId}.pub.pem`)} off this machine\n`,
    );
  const { database, uow } = await openServerStorage(io.env);
  try {
    const at = new Date();
    const made = await createCheckpoint(
      (after) => uow.read.audit.page(after, PAGE),
      await uow.read.audit.head(),
      key,
      { createdAt: at, database: database.kind },
    );
    if (!made.ok) {
      const { seq, problem, message } = made.verdict;
      io.stdout.write(`no checkpoint: the audit trail is BROKEN at entry ${seq} (${problem}): ${message}\n`);
      return ExitCode.failed;
    }
    const { checkpoint: file } = made;
    const out = resolve(
      values.out ??
        join(config.auditKeyDir, 'checkpoints', `checkpoint-${String(file.entries).padStart(9, '0')}.json`),
    );
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(file, null, 2)}\n`);
    // The trail records the checkpoint; the next checkpoint covers that record.
    await uow.transaction((repos) =>
      appendAudit(
        repos,
        {
          action: AuditAction.auditCheckpoint,
          actor: cliActor(),
          detail: { keyId: file.keyId, entries: file.entries, headHash: file.headHash },
        },
        at,
      ),
    );
    io.stdout.write(
      `signed checkpoint of ${file.entries} entries (head ${file.headHash}) with key ${file.keyId}: ${out}\n`,
    );
    return ExitCode.ok;
  } finally {
    await database.close();
  }
}

async function rotateKey(io: CliIo): Promise<number> {
  const config = loadConfig(io.env);
  const { database, uow } = await openServerStorage(io.env);
  try {
    const { previous, key } = rotateSigningKey(config.auditKeyDir);
    await uow.transaction((repos) =>
      appendAudit(
        repos,
        { action: AuditAction.auditKeyRotated, actor: cliActor(), detail: { from: previous, to: key.keyId } },
        new Date(),
      ),
    );
    io.stdout.write(
      `new audit signing key ${key.keyId}${previous ? ` replaces ${previous} (still trusted for older checkpoints)` : ''}; ` +
        `keep a copy of ${join(config.auditKeyDir, 'trusted', `${key.keyId}.pub.pem`)} off this machine\n`,
    );
    return ExitCode.ok;
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
  summary: "verify, checkpoint (signed) or export the team server's hash-chained audit trail",
  usage,
  async run(args, io) {
    const [action, ...rest] = args;
    try {
      if (action === 'verify') return await verify(rest, io);
      if (action === 'checkpoint') return await checkpoint(rest, io);
      if (action === 'rotate-key') return await rotateKey(io);
      if (action === 'export') return await exportTrail(io);
    } catch (error) {
      io.stderr.write(`waymark audit: ${error instanceof Error ? error.message : String(error)}\n`);
      return ExitCode.failed;
    }
    io.stderr.write(`waymark audit: unknown action "${action ?? ''}".\n\n${usage}`);
    return ExitCode.usage;
  },
};
