// Test helpers shared by this feature's tests (imported only by *.test.ts files).
import type { CaseId } from '../../../domain/case/ids';
import { UNSORTED, type MediaId } from '../../../domain/case/media';
import type { MediaRecord } from '../../db/records';

/** A PDQ hash with some structure (half the bits set), so mirrored variants differ from it. */
export const PDQ_A = 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0aaaaaaaaaaaaaaaa5555555555555555';

export function hex(n: number, length: number): string {
  return n.toString(16).padStart(length, '0');
}

export function mediaRecord(caseId: CaseId, n: number, over: Partial<MediaRecord> = {}): MediaRecord {
  return {
    id: `M${n}` as MediaId,
    caseId,
    kind: 'image',
    md5: hex(n, 32),
    sha1: hex(n, 40),
    sha256: hex(n, 64),
    bytes: 100 + n,
    width: 10,
    height: 10,
    mimeType: 'image/jpeg',
    format: 'jpeg',
    pdq: hex(n, 64),
    pdqQuality: 100,
    pdqDihedral: [],
    firstPath: `dir/img${n}.jpg`,
    sortAt: `2020-01-${String(n + 1).padStart(2, '0')}T00:00:00`,
    camera: '',
    hasGps: 0,
    category: null,
    categorySlot: -1,
    seriesId: UNSORTED,
    known: 0,
    seq: n,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
    ...over,
  };
}
