import type { CaseId } from '../../../domain/case/ids';
import {
  UNSORTED,
  type MediaId,
  type MediaRecord,
  type SeriesId,
  type SeriesRecord,
} from '../../../domain/case/media';

/** A media record as ingest makes it, for tests of the local database and what reads it. */
export function mediaRecord(caseId: string, id: string, over: Partial<MediaRecord> = {}): MediaRecord {
  return {
    id: id as MediaId,
    caseId: caseId as CaseId,
    md5: `md5-${id}`,
    sha1: `sha1-${id}`,
    sha256: `sha256-${id}`,
    bytes: 10,
    width: 1,
    height: 1,
    mimeType: 'image/png',
    format: 'png',
    pdq: '0'.repeat(64),
    pdqQuality: 100,
    pdqDihedral: [],
    firstPath: `${id}.png`,
    sortAt: '~',
    camera: '',
    hasGps: 0,
    category: null,
    categorySlot: -1,
    seriesId: UNSORTED,
    known: 0,
    seq: 0,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
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
