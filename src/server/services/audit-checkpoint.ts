import { sign, verify, type KeyObject } from 'node:crypto';

import { z } from 'zod';

import type { AuditRow } from '../repositories/audit.repository';
import { DIGEST_BYTES, verifyChain, type ChainExpectation, type ChainVerdict } from './audit-chain';
import type { SigningKey } from './audit-keys';
import { canonicalJson } from './canonical-json';

/**
 * A signed checkpoint of the audit trail: how many entries it had, the hash of the last, and the first
 * 8 bytes of every entry's hash, signed with the Ed25519 key kept outside the database (audit-keys.ts).
 *
 * Why more than the head: the hash chain alone shows a rewrite only to someone who kept a hash from
 * before it. Whoever can write the database can rewrite an old entry and recompute every later hash,
 * and the chain is consistent again. Against a checkpoint that cannot be: the rewritten entry's hash
 * differs from the one signed (64 bits: matching it is out of reach), so `audit verify --checkpoint`
 * names the first rewritten entry, and a checkpoint cannot be re-made without the key. 8 bytes per
 * entry keeps a checkpoint of a million entries near 11 MB.
 */
export const CHECKPOINT_FORMAT = 'waymark-audit-checkpoint';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const CheckpointFile = z
  .object({
    format: z.literal(CHECKPOINT_FORMAT),
    version: z.literal(1),
    createdAt: z.string().datetime(),
    database: z.enum(['sqlite', 'postgres']),
    entries: z.number().int().min(1),
    headHash: Hex64,
    /** Base64 of `entries` × 8 bytes. */
    digests: z.string(),
    keyId: z.string().regex(/^[0-9a-f]{16}$/),
    /** Base64 Ed25519 signature of the canonical JSON of every other field. */
    signature: z.string(),
  })
  .strict();
export type CheckpointFile = z.infer<typeof CheckpointFile>;

type Unsigned = Omit<CheckpointFile, 'signature'>;

const signedBytes = (body: Unsigned) => Buffer.from(canonicalJson({ ...body }), 'utf8');

/**
 * Verifies the trail up to its current head and signs a checkpoint of it. A broken trail is refused:
 * signing it would bless the damage.
 */
export async function createCheckpoint(
  pages: (afterSeq: number) => Promise<AuditRow[]>,
  head: { seq: number; hash: string },
  key: SigningKey,
  meta: { createdAt: Date; database: CheckpointFile['database'] },
): Promise<
  { ok: true; checkpoint: CheckpointFile } | { ok: false; verdict: Extract<ChainVerdict, { ok: false }> }
> {
  const digests = Buffer.alloc(head.seq * DIGEST_BYTES);
  const verdict = await verifyChain(pages, head, {
    onEntry: (row) =>
      Buffer.from(row.entry_hash, 'hex').copy(digests, (row.seq - 1) * DIGEST_BYTES, 0, DIGEST_BYTES),
  });
  if (!verdict.ok) return { ok: false, verdict };
  const body: Unsigned = {
    format: CHECKPOINT_FORMAT,
    version: 1,
    createdAt: meta.createdAt.toISOString(),
    database: meta.database,
    entries: verdict.entries,
    headHash: verdict.headHash,
    digests: digests.toString('base64'),
    keyId: key.keyId,
  };
  const signature = sign(null, signedBytes(body), key.privateKey).toString('base64');
  return { ok: true, checkpoint: { ...body, signature } };
}

export type CheckpointTrust =
  | { ok: true; expectation: ChainExpectation }
  | { ok: false; problem: 'unreadable' | 'unknown_key' | 'bad_signature'; message: string };

/** Reads a checkpoint file and checks its signature against trusted public keys (by key id). */
export function trustCheckpoint(text: string, trusted: ReadonlyMap<string, KeyObject>): CheckpointTrust {
  let parsed: CheckpointFile;
  try {
    parsed = CheckpointFile.parse(JSON.parse(text));
  } catch (error) {
    return {
      ok: false,
      problem: 'unreadable',
      message: `not a Waymark audit checkpoint (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
    };
  }
  const { signature, ...body } = parsed;
  const publicKey = trusted.get(parsed.keyId);
  if (!publicKey)
    return {
      ok: false,
      problem: 'unknown_key',
      message: `the checkpoint was signed by key ${parsed.keyId}, which is not a trusted audit key here`,
    };
  if (!verify(null, signedBytes(body), publicKey, Buffer.from(signature, 'base64')))
    return {
      ok: false,
      problem: 'bad_signature',
      message: 'the checkpoint’s signature does not match its content: the file was altered',
    };
  const digests = Buffer.from(parsed.digests, 'base64');
  if (digests.length !== parsed.entries * DIGEST_BYTES)
    return { ok: false, problem: 'unreadable', message: 'the checkpoint’s digests do not cover its entries' };
  return {
    ok: true,
    expectation: {
      entries: parsed.entries,
      digests,
      headHash: parsed.headHash,
      createdAt: parsed.createdAt,
    },
  };
}
