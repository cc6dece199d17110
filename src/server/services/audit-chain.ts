import { createHash } from 'node:crypto';

import type { AuditRow } from '../repositories/audit.repository';
import { canonicalJson, type JsonValue } from './canonical-json';

/**
 * The hash chain. Invariant: for every entry, entry_hash = SHA-256(bytes of prev_hash ‖ UTF-8 of
 * canonicalEvent(entry)), prev_hash equals the previous entry's entry_hash (64 zeros for seq 1),
 * and seq runs 1, 2, 3… without gaps. Changing, removing or reordering any stored column of any
 * entry breaks the chain at that entry.
 */
export const GENESIS_HASH = '0'.repeat(64);

/** Everything an entry says, except its own hash and the previous one. */
export type ChainedFields = Pick<
  AuditRow,
  'seq' | 'at' | 'action' | 'actor_id' | 'actor_name' | 'case_id' | 'subject' | 'ip' | 'detail'
>;

export function canonicalEvent(row: ChainedFields): string {
  let detail: JsonValue;
  try {
    detail = JSON.parse(row.detail) as JsonValue;
  } catch {
    // A detail that is not JSON was edited by hand; hashing the raw text still breaks the chain.
    detail = { unparsable: row.detail };
  }
  return canonicalJson({
    seq: row.seq,
    at: row.at,
    action: row.action,
    actorId: row.actor_id,
    actorName: row.actor_name,
    caseId: row.case_id,
    subject: row.subject,
    ip: row.ip,
    detail,
  });
}

export function entryHash(prevHash: string, row: ChainedFields): string {
  return createHash('sha256')
    .update(Buffer.from(prevHash, 'hex'))
    .update(canonicalEvent(row), 'utf8')
    .digest('hex');
}

export type ChainProblem = 'gap' | 'prev_hash' | 'entry_hash' | 'head' | 'checkpoint';

export type ChainVerdict =
  | { ok: true; entries: number; headHash: string }
  | { ok: false; entries: number; seq: number; problem: ChainProblem; message: string };

/** Bytes of each entry's hash a checkpoint keeps (64 bits: no one can make a rewritten entry match). */
export const DIGEST_BYTES = 8;

/**
 * What a signed checkpoint says the trail was: its first `entries` entries had these hashes. A trail
 * rewritten before that point, even with every later hash recomputed so that the chain itself is
 * consistent again, differs from it at the first rewritten entry.
 */
export interface ChainExpectation {
  readonly entries: number;
  /** The first DIGEST_BYTES bytes of the hash of entries 1…entries, in order. */
  readonly digests: Uint8Array;
  /** The full hash of entry `entries`. */
  readonly headHash: string;
  readonly createdAt: string;
}

export interface VerifyOptions {
  readonly expected?: ChainExpectation;
  /** Sees each verified entry in order (a checkpoint collects its digests this way). */
  readonly onEntry?: (row: AuditRow) => void;
}

/**
 * Walks the chain page by page (memory stays flat for millions of entries) up to the head read
 * before the walk (entries appended meanwhile belong to the next verification), and names the
 * first entry that is missing, altered, out of place, or (with `expected`) different from a
 * checkpoint.
 */
export async function verifyChain(
  pages: (afterSeq: number) => Promise<AuditRow[]>,
  head: { seq: number; hash: string },
  options: VerifyOptions = {},
): Promise<ChainVerdict> {
  const { expected } = options;
  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  let count = 0;
  walk: while (expectedSeq <= head.seq) {
    const page = await pages(expectedSeq - 1);
    if (page.length === 0) break;
    for (const row of page) {
      if (row.seq > head.seq) break walk;
      const fail = (problem: ChainProblem, message: string, seq = row.seq): ChainVerdict => ({
        ok: false,
        entries: count,
        seq,
        problem,
        message,
      });
      if (row.seq !== expectedSeq)
        return fail('gap', `entry ${expectedSeq} is missing (next stored entry is ${row.seq})`, expectedSeq);
      if (expected && row.seq <= expected.entries) {
        const at = (row.seq - 1) * DIGEST_BYTES;
        const stored = Buffer.from(row.entry_hash, 'hex').subarray(0, DIGEST_BYTES);
        const matches =
          row.seq === expected.entries
            ? row.entry_hash === expected.headHash
            : stored.equals(expected.digests.subarray(at, at + DIGEST_BYTES));
        if (!matches)
          return fail(
            'checkpoint',
            `entry ${row.seq} (${row.action}) is not the entry the checkpoint of ${expected.createdAt} signed: it was rewritten after that checkpoint`,
          );
      }
      if (row.prev_hash !== prev)
        return fail(
          'prev_hash',
          `entry ${row.seq} does not point at entry ${row.seq - 1} (prev_hash differs)`,
        );
      const recomputed = entryHash(prev, row);
      if (recomputed !== row.entry_hash)
        return fail(
          'entry_hash',
          `entry ${row.seq} (${row.action}) was altered: its content no longer matches its hash`,
        );
      options.onEntry?.(row);
      prev = row.entry_hash;
      expectedSeq += 1;
      count += 1;
    }
  }
  if (expected && count < expected.entries)
    return {
      ok: false,
      entries: count,
      seq: count + 1,
      problem: 'checkpoint',
      message: `the trail ends at entry ${count} but the checkpoint of ${expected.createdAt} signed ${expected.entries} entries: entries ${count + 1} to ${expected.entries} were removed`,
    };
  if (head.seq !== count || head.hash !== prev) {
    return {
      ok: false,
      entries: count,
      seq: count + 1 > head.seq ? count : count + 1,
      problem: 'head',
      message: `the chain ends at entry ${count} but the head records entry ${head.seq}: entries were removed from the end or the head was altered`,
    };
  }
  return { ok: true, entries: count, headHash: prev };
}
