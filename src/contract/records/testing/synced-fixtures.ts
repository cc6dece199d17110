/**
 * Valid synced records for tests (the server refuses anything else): a media record as ingest makes
 * it, with hashes of the right formats derived from a seed, so tests that need distinct or equal hashes
 * say which by their seeds.
 */
import { videoSeriesLinkId } from '../../../domain/video/video-series-links';
import type { SyncedEntity, SyncedRecord } from '../synced-records';

/** A fixed-length lower-case hex digest derived from a seed (FNV-1a, repeated). */
export function fakeDigest(seed: string, hexLength: number): string {
  let out = '';
  let h = 0x811c9dc5;
  while (out.length < hexLength) {
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    h = Math.imul(h ^ out.length, 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, hexLength);
}

/** The 8 dihedral hashes a record with this PDQ carries (the PDQ first, as the contract requires). */
export function fakeDihedral(pdq: string): string[] {
  return [pdq, ...Array.from({ length: 7 }, (_, i) => fakeDigest(`${pdq}:${i}`, 64))];
}

export function syncedMedia(
  caseId: string,
  id: string,
  over: Partial<SyncedRecord<'media'>> = {},
): SyncedRecord<'media'> {
  const pdq = over.pdq ?? fakeDigest(`pdq-${id}`, 64);
  return {
    id: id as SyncedRecord<'media'>['id'],
    caseId: caseId as SyncedRecord<'media'>['caseId'],
    kind: 'image',
    md5: fakeDigest(`md5-${id}`, 32),
    sha1: fakeDigest(`sha1-${id}`, 40),
    sha256: fakeDigest(`sha256-${id}`, 64),
    bytes: 10,
    width: 1,
    height: 1,
    mimeType: 'image/png',
    format: 'png',
    pdq,
    pdqQuality: 100,
    pdqDihedral: pdq ? fakeDihedral(pdq) : [],
    firstPath: `${id}.png`,
    sortAt: '~',
    camera: '',
    hasGps: 0,
    category: null,
    seriesId: '' as SyncedRecord<'media'>['seriesId'],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}

const AT = '2026-01-01T00:00:00.000Z';

/**
 * A valid record of every synced entity (notices too, though only the server may write those), for
 * tests that go through them all: the property test of the server's validation, above all.
 */
export function validRecord(entity: SyncedEntity, caseId: string, id: string): Record<string, unknown> {
  switch (entity) {
    case 'cases':
      return { id: caseId, name: 'Op Test', createdAt: AT, updatedAt: AT, categoryScheme: 'vic-us' };
    case 'media':
      return syncedMedia(caseId, id);
    case 'files':
      return {
        id,
        caseId,
        mediaId: `${id}-m`,
        path: `set/${id}.jpg`,
        size: 10,
        lastModified: 1_700_000_000_000,
        sourceKey: `set/${id}.jpg|10|1700000000000`,
        updatedAt: AT,
      };
    case 'series':
      return { id, caseId, number: 1, name: 'Beach', createdAt: AT, updatedAt: AT };
    case 'clueRevisions':
      return {
        id,
        clueId: id,
        caseId,
        seriesId: '',
        mediaId: `${id}-m`,
        region: { x: 0.1, y: 0.1, width: 0.2, height: 0.2 },
        type: 'logo',
        note: 'a logo on the bag',
        deleted: false,
        predecessorId: null,
        createdAt: AT,
        author: 'olga',
      };
    case 'seriesLeads':
      return {
        id,
        caseId,
        seriesId: id,
        status: 'new',
        victim: {
          ageMin: null,
          ageMax: null,
          sex: 'unknown',
          identified: 'unidentified',
          identifiedOn: null,
        },
        offenderLeads: [],
        locations: [],
        tags: ['beach'],
        version: 0,
        updatedAt: AT,
        updatedBy: 'olga',
      };
    case 'leadEvents':
      return {
        id,
        leadId: `${id}-l`,
        caseId,
        seriesId: `${id}-l`,
        version: 1,
        at: AT,
        by: 'olga',
        change: { kind: 'tags', tags: ['beach'] },
      };
    case 'noteRevisions':
      return {
        id,
        noteId: id,
        caseId,
        seriesId: '',
        text: 'seen before',
        deleted: false,
        predecessorId: null,
        at: AT,
        by: 'olga',
      };
    case 'listMatches':
      return {
        id,
        caseId,
        mediaId: `${id}-m`,
        listId: 'L1',
        listName: 'Known list',
        listKind: 'known',
        schemeId: 'vic-us',
        entryId: 'E1',
        entryOrdinal: 1,
        kind: 'md5',
        distance: 0,
        lowQuality: false,
        category: 1,
        conflict: false,
        precategorized: true,
        matchedAt: AT,
      };
    case 'notices':
      return {
        id,
        caseId,
        seriesId: '',
        otherCaseId: 'C2',
        otherCaseName: 'Op Other',
        otherOwner: { displayName: 'A', organization: 'B', contact: 'c' },
        matchedImages: 1,
        matchKinds: ['md5'],
        direction: 'found',
        createdAt: AT,
        updatedAt: AT,
        acknowledgedAt: null,
        acknowledgedBy: null,
      };
    case 'videoFrames': {
      // The id names the media and the part (`<mediaId>.<part>`); an id without a part is its media's.
      const [, mediaId = id, part = '0'] = /^(.+)\.(\d+)$/.exec(id) ?? [];
      return syncedVideoFrames(caseId, mediaId, Number(part));
    }
    case 'videoSeriesLinks': {
      // The id names the video and the series (`<mediaId>:<seriesId>`).
      const [, mediaId = id, seriesId = ''] = /^([^:]+):(.+)$/.exec(id) ?? [];
      return syncedVideoSeriesLink(caseId, mediaId, seriesId);
    }
  }
}

/** A valid link of a video to a series it is shown in besides its own. */
export function syncedVideoSeriesLink(
  caseId: string,
  mediaId: string,
  seriesId: string,
  frames = 3,
): SyncedRecord<'videoSeriesLinks'> {
  return {
    id: videoSeriesLinkId(mediaId, seriesId),
    caseId: caseId as SyncedRecord<'videoSeriesLinks'>['caseId'],
    mediaId: mediaId as SyncedRecord<'videoSeriesLinks'>['mediaId'],
    seriesId: seriesId as SyncedRecord<'videoSeriesLinks'>['seriesId'],
    frames,
  };
}

/** A valid frames record of a video: `count` distinct frame hashes (derived from the seed) one second apart. */
export function syncedVideoFrames(
  caseId: string,
  mediaId: string,
  part = 0,
  over: { frames?: SyncedRecord<'videoFrames'>['frames']; parts?: number; seed?: string } = {},
): SyncedRecord<'videoFrames'> {
  const seed = over.seed ?? mediaId;
  return {
    id: `${mediaId}.${part}`,
    caseId: caseId as SyncedRecord<'videoFrames'>['caseId'],
    mediaId: mediaId as SyncedRecord<'videoFrames'>['mediaId'],
    part,
    parts: over.parts ?? part + 1,
    secondsPerHash: 1,
    picture: false,
    frames:
      over.frames ??
      Array.from({ length: 3 }, (_, i) => ({
        frame: i * 30,
        quality: 100,
        pdq: fakeDigest(`vpdq-${seed}-${part}-${i}`, 64),
        timestamp: i,
      })),
    createdAt: AT,
  };
}
