import { describe, expect, it } from 'vitest';

import type { AuditRow } from '../repositories/audit.repository';
import { DIGEST_BYTES, entryHash, GENESIS_HASH, verifyChain } from './audit-chain';
import { canonicalJson } from './canonical-json';

function chain(n: number): AuditRow[] {
  const rows: AuditRow[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields = {
      seq,
      at: `2026-01-01T00:00:0${seq}.000Z`,
      action: 'case.created',
      actor_id: 'u1',
      actor_name: 'olga',
      case_id: 'C',
      subject: null,
      ip: '127.0.0.1',
      detail: canonicalJson({ name: `case ${seq}` }),
    };
    const hash = entryHash(prev, fields);
    rows.push({ ...fields, prev_hash: prev, entry_hash: hash });
    prev = hash;
  }
  return rows;
}

const pagesOf = (rows: AuditRow[]) => (after: number) =>
  Promise.resolve(rows.filter((r) => r.seq > after).slice(0, 2));
const headOf = (rows: AuditRow[]) => ({ seq: rows.length, hash: rows.at(-1)?.entry_hash ?? GENESIS_HASH });

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":null,"z":1}]},"b":1}',
    );
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain, read page by page', async () => {
    const rows = chain(5);
    expect(await verifyChain(pagesOf(rows), headOf(rows))).toMatchObject({ ok: true, entries: 5 });
  });

  it.each([
    [
      'an edited field',
      (rows: AuditRow[]) => rows.map((r) => (r.seq === 3 ? { ...r, actor_name: 'mallory' } : r)),
      3,
      'entry_hash',
    ],
    ['a removed middle entry', (rows: AuditRow[]) => rows.filter((r) => r.seq !== 2), 2, 'gap'],
    [
      'a re-hashed entry (its successor no longer points at it)',
      (rows: AuditRow[]) =>
        rows.map((r) => {
          if (r.seq !== 2) return r;
          const edited = { ...r, detail: canonicalJson({ name: 'forged' }) };
          return { ...edited, entry_hash: entryHash(r.prev_hash, edited) };
        }),
      3,
      'prev_hash',
    ],
  ] as const)('names the first broken entry after %s', async (_label, tamper, seq, problem) => {
    const rows = chain(5);
    expect(await verifyChain(pagesOf(tamper(rows)), headOf(rows))).toMatchObject({ ok: false, seq, problem });
  });

  it('notices entries cut from the end against the head', async () => {
    const rows = chain(5);
    expect(await verifyChain(pagesOf(rows.slice(0, 4)), headOf(rows))).toMatchObject({
      ok: false,
      problem: 'head',
    });
  });
});

describe('verifyChain against a checkpoint', () => {
  const expectation = (rows: AuditRow[], entries: number) => {
    const digests = Buffer.alloc(entries * DIGEST_BYTES);
    for (const r of rows.slice(0, entries))
      Buffer.from(r.entry_hash, 'hex').copy(digests, (r.seq - 1) * DIGEST_BYTES, 0, DIGEST_BYTES);
    return {
      entries,
      digests,
      headHash: rows[entries - 1]!.entry_hash,
      createdAt: '2026-01-02T00:00:00.000Z',
    };
  };
  /** Rewrites entry `seq` and recomputes every later hash: a consistent chain again. */
  const forged = (rows: AuditRow[], seq: number) => {
    let prev = GENESIS_HASH;
    return rows.map((r) => {
      const edited = r.seq === seq ? { ...r, detail: canonicalJson({ name: 'forged' }) } : r;
      const next = { ...edited, prev_hash: prev, entry_hash: entryHash(prev, edited) };
      prev = next.entry_hash;
      return next;
    });
  };

  it('accepts the trail it signed, and entries appended after it', async () => {
    const rows = chain(6);
    expect(await verifyChain(pagesOf(rows), headOf(rows), { expected: expectation(rows, 4) })).toMatchObject({
      ok: true,
      entries: 6,
    });
  });

  it.each([2, 4])('names entry %i of a re-hashed forgery, which the chain alone accepts', async (seq) => {
    const rows = chain(6);
    const forgery = forged(rows, seq);
    expect(await verifyChain(pagesOf(forgery), headOf(forgery))).toMatchObject({ ok: true });
    expect(
      await verifyChain(pagesOf(forgery), headOf(forgery), { expected: expectation(rows, 4) }),
    ).toMatchObject({ ok: false, seq, problem: 'checkpoint' });
  });

  it('cannot see a consistent rewrite after the checkpoint (the next checkpoint will)', async () => {
    const rows = chain(6);
    const forgery = forged(rows, 5);
    expect(
      await verifyChain(pagesOf(forgery), headOf(forgery), { expected: expectation(rows, 4) }),
    ).toMatchObject({ ok: true });
  });

  it('notices entries the checkpoint signed that are gone (cut from the end, head rewritten)', async () => {
    const rows = chain(6);
    const cut = rows.slice(0, 3);
    expect(await verifyChain(pagesOf(cut), headOf(cut), { expected: expectation(rows, 4) })).toMatchObject({
      ok: false,
      seq: 4,
      problem: 'checkpoint',
    });
  });
});
