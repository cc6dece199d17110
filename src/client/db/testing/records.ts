import type { CaseId } from '../../../domain/case/ids';
import { UNSORTED, type SeriesId } from '../../../domain/case/media';
import { syncedMedia } from '../../../contract/records/testing/synced-fixtures';
import type { MediaRecord, SeriesRecord } from '../records';

export { fakeDigest } from '../../../contract/records/testing/synced-fixtures';

/** A media record as ingest makes it, for tests of the local database and what reads it. */
export function mediaRecord(caseId: string, id: string, over: Partial<MediaRecord> = {}): MediaRecord {
  return {
    ...syncedMedia(caseId, id, { pdq: '0'.repeat(64), pdqDihedral: [] }),
    categorySlot: -1,
    seriesId: UNSORTED,
    known: 0,
    seq: 0,
    version: 1,
    ...over,
  };
}

export function seriesRecord(caseId: string, id: string, over: Partial<SeriesRecord> = {}): SeriesRecord {
  return {
    id: id as SeriesId,
    caseId: caseId as CaseId,
    number: 1,
    name: '',
    size: 0,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
    ...over,
  };
}
