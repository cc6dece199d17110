import { describe, expect, it } from 'vitest';

import { decideWrite, type EntityState } from './decide-write';
import { SYNCED_RECORDS, pickSynced } from '../../contract/records/synced-records';

const media = (over: Record<string, unknown> = {}): EntityState => ({
  data: { caseId: 'C', md5: 'a'.repeat(32), category: null, seriesId: 'S1', firstPath: 'x.jpg', ...over },
  fieldVersions: { caseId: 1, md5: 1, category: 1, seriesId: 1, firstPath: 1 },
  deleted: false,
});

describe('decideWrite', () => {
  it('creates an entity with every synced field at version 1', () => {
    const out = decideWrite(SYNCED_RECORDS.media.rules, undefined, {
      op: 'put',
      fields: { caseId: 'C', md5: 'm', seriesId: '' },
    });
    expect(out.kind).toBe('applied');
    if (out.kind !== 'applied') return;
    expect(out.next.data).toEqual({ caseId: 'C', md5: 'm', seriesId: '' });
    expect(out.next.fieldVersions).toEqual({ caseId: 1, md5: 1, seriesId: 1 });
  });

  it('applies last-writer fields in server order and bumps their version', () => {
    const out = decideWrite(SYNCED_RECORDS.media.rules, media(), {
      op: 'put',
      fields: { firstPath: 'y.jpg' },
    });
    expect(out.kind === 'applied' && out.next.data.firstPath).toBe('y.jpg');
    expect(out.kind === 'applied' && out.next.fieldVersions.firstPath).toBe(2);
  });

  it('refuses a different hash: hashes are content-addressed and immutable', () => {
    const out = decideWrite(SYNCED_RECORDS.media.rules, media(), {
      op: 'put',
      fields: { md5: 'b'.repeat(32) },
    });
    expect(out).toMatchObject({ kind: 'rejected' });
    expect(
      decideWrite(SYNCED_RECORDS.media.rules, media(), { op: 'put', fields: { md5: 'a'.repeat(32) } }).kind,
    ).toBe('unchanged');
  });

  it('applies a category write based on the current version, and surfaces a stale one as a conflict', () => {
    const ok = decideWrite(SYNCED_RECORDS.media.rules, media(), {
      op: 'put',
      fields: { category: 2 },
      baseVersions: { category: 1 },
    });
    expect(ok.kind === 'applied' && ok.next.data.category).toBe(2);
    const stale = decideWrite(SYNCED_RECORDS.media.rules, media({ category: 3 }), {
      op: 'put',
      fields: { category: 2, firstPath: 'z.jpg' },
      baseVersions: { category: 0 },
    });
    expect(stale.kind).toBe('applied'); // the other field still applies
    if (stale.kind !== 'applied') return;
    expect(stale.next.data.category).toBe(3);
    expect(stale.conflicts).toEqual([{ field: 'category', current: 3, currentVersion: 1, proposed: 2 }]);
  });

  it('moves a member only from where the writer saw it: a concurrent move wins', () => {
    const moved = decideWrite(SYNCED_RECORDS.media.rules, media(), {
      op: 'put',
      fields: { seriesId: 'S2' },
      previous: { seriesId: 'S1' },
    });
    expect(moved.kind === 'applied' && moved.next.data.seriesId).toBe('S2');
    const late = decideWrite(SYNCED_RECORDS.media.rules, media({ seriesId: 'S3' }), {
      op: 'put',
      fields: { seriesId: 'S2' },
      previous: { seriesId: 'S1' },
    });
    expect(late).toEqual({ kind: 'unchanged', conflicts: [], superseded: ['seriesId'] });
  });

  it('keeps a series someone else added images to, and deletes an empty one', () => {
    const series: EntityState = { data: { caseId: 'C', name: '' }, fieldVersions: {}, deleted: false };
    expect(decideWrite(SYNCED_RECORDS.series.rules, series, { op: 'delete' }, { liveMembers: 1 }).kind).toBe(
      'rejected',
    );
    const gone = decideWrite(SYNCED_RECORDS.series.rules, series, { op: 'delete' }, { liveMembers: 0 });
    expect(gone.kind === 'applied' && gone.next.deleted).toBe(true);
    expect(
      decideWrite(SYNCED_RECORDS.series.rules, gone.kind === 'applied' ? gone.next : undefined, {
        op: 'delete',
      }).kind,
    ).toBe('unchanged');
  });

  it('never deletes append-only history, and a same revision again is a no-op', () => {
    const rev: EntityState = { data: { caseId: 'C', text: 'a' }, fieldVersions: {}, deleted: false };
    expect(decideWrite(SYNCED_RECORDS.noteRevisions.rules, rev, { op: 'delete' }).kind).toBe('rejected');
    expect(
      decideWrite(SYNCED_RECORDS.noteRevisions.rules, rev, { op: 'put', fields: { text: 'a' } }).kind,
    ).toBe('unchanged');
    expect(
      decideWrite(SYNCED_RECORDS.noteRevisions.rules, rev, { op: 'put', fields: { text: 'b' } }).kind,
    ).toBe('rejected');
  });

  it('lets clients only acknowledge a notice; the server writes the rest', () => {
    const notice: EntityState = {
      data: { caseId: 'C', matchedImages: 2 },
      fieldVersions: {},
      deleted: false,
    };
    expect(
      decideWrite(SYNCED_RECORDS.notices.rules, undefined, { op: 'put', fields: { caseId: 'C' } }).kind,
    ).toBe('rejected');
    expect(
      decideWrite(SYNCED_RECORDS.notices.rules, notice, { op: 'put', fields: { matchedImages: 9 } }).kind,
    ).toBe('rejected');
    expect(
      decideWrite(SYNCED_RECORDS.notices.rules, notice, { op: 'put', fields: { acknowledgedAt: 't' } }).kind,
    ).toBe('applied');
    expect(
      decideWrite(
        SYNCED_RECORDS.notices.rules,
        undefined,
        { op: 'put', fields: { caseId: 'C' } },
        { byServer: true },
      ).kind,
    ).toBe('applied');
  });

  it('revives a tombstone on a later put (add wins over delete)', () => {
    const out = decideWrite(
      SYNCED_RECORDS.series.rules,
      { data: { caseId: 'C', name: 'a' }, fieldVersions: {}, deleted: true },
      {
        op: 'put',
        fields: { name: 'a' },
      },
    );
    expect(out.kind === 'applied' && out.next.deleted).toBe(false);
  });

  it('refuses a field the entity does not have, with a code naming it (an allow-list)', () => {
    expect(
      decideWrite(SYNCED_RECORDS.media.rules, media(), {
        op: 'put',
        fields: { known: 3, firstPath: 'z.jpg' },
      }),
    ).toEqual({ kind: 'rejected', reason: 'unknown_field', field: 'known' });
    expect(
      decideWrite(SYNCED_RECORDS.media.rules, media(), { op: 'put', fields: { md5: 'b'.repeat(32) } }),
    ).toEqual({
      kind: 'rejected',
      reason: 'immutable_field',
      field: 'md5',
    });
  });

  it('sends only the fields of the record definition: no local-only fields, no sync bookkeeping', () => {
    expect(pickSynced('media', { id: 'm', known: 2, seq: 4, version: 3, serverSeq: 9, category: 1 })).toEqual(
      {
        id: 'm',
        category: 1,
      },
    );
  });
});
