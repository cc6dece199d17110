import 'fake-indexeddb/auto';

import { afterEach, describe, expect, it } from 'vitest';

import type { CaseId } from '../../domain/case/ids';
import type { ImageSignature } from '../../domain/hashing/file-signature';
import { createCase } from './cases.repository';
import { WaymarkDatabase } from './database';
import {
  isQuotaError,
  storedSourceKeys,
  writeIngestBatch,
  VIDEO_INCOMPLETE,
  type IngestedFailure,
  type IngestedImage,
  type IngestedVideo,
} from './ingest.repository';
import { hashRefusal } from '../../domain/hashing/hash-problem';
import { checkRecord } from '../../contract/records/record-validation';
import { pickSynced, SYNCED_RECORDS } from '../../contract/records/synced-records';
import { fakeDigest } from '../../contract/records/testing/synced-fixtures';
import type { VideoSignature } from '../../domain/video/video-signature';

let db: WaymarkDatabase;
afterEach(async () => {
  await db.delete();
});

async function openCase(): Promise<CaseId> {
  db = new WaymarkDatabase(`ingest-${Math.random()}`);
  const created = await createCase(db, 'Ingest test');
  if (!created.ok) throw new Error('case not created');
  return created.record.id;
}

function image(path: string, sha256: string, capturedAt?: string): IngestedImage {
  const signature: ImageSignature = {
    ok: true,
    md5: `md5-${sha256}`,
    sha1: `sha1-${sha256}`,
    sha256,
    bytes: 100,
    width: 10,
    height: 8,
    pdq: '0'.repeat(64),
    pdqQuality: 90,
    pdqDihedral: [],
  };
  return {
    ok: true,
    path,
    size: 100,
    lastModified: 1,
    signature,
    mimeType: 'image/jpeg',
    format: 'jpeg',
    thumbnail: new Blob([new Uint8Array([1, 2, 3])]),
    thumbnailWidth: 10,
    thumbnailHeight: 8,
    ...(capturedAt ? { exif: { make: 'Example', model: 'EO-5', capturedAt, gps: { lat: 1, lon: 2 } } } : {}),
  };
}

const failure: IngestedFailure = {
  path: 'bad/zero_bytes.jpg',
  size: 0,
  lastModified: 1,
  ...hashRefusal({ code: 'empty' }),
};

describe('writeIngestBatch', () => {
  it('stores media, paths, thumbnails and errors; exact duplicates share one media record', async () => {
    const caseId = await openCase();
    const outcome = await writeIngestBatch(db, caseId, [
      image('a/one.jpg', 'aa', '2016-10-16T11:05:44'),
      image('b/copy-of-one.jpg', 'aa'),
      image('a/two.jpg', 'bb'),
      failure,
    ]);
    expect(outcome.created).toHaveLength(2);
    expect(outcome).toMatchObject({ duplicates: 1, failed: 1, skipped: 0 });
    const one = outcome.created[0];
    expect(one).toMatchObject({ camera: 'Example EO-5', hasGps: 1, sortAt: '2016-10-16T11:05:44' });
    const paths = await db.files.where('mediaId').equals(one!.id).toArray();
    expect(paths.map((p) => p.path).sort()).toEqual(['a/one.jpg', 'b/copy-of-one.jpg']);
    expect(await db.thumbnails.count()).toBe(2);
    expect((await db.ingestErrors.toArray()).map((e) => [e.reason, e.problem])).toEqual([
      ['empty', { code: 'empty' }],
    ]);

    // A later batch with the same content under a new path joins the existing record too.
    const later = await writeIngestBatch(db, caseId, [image('c/third-copy.jpg', 'aa')]);
    expect(later).toMatchObject({ created: [], duplicates: 1 });
    expect(await db.media.count()).toBe(2);
  });

  it('skips sources already stored, so re-adding a source after a crash finishes only the rest', async () => {
    const caseId = await openCase();
    await writeIngestBatch(db, caseId, [image('set/1.jpg', '11'), failure]);
    expect(await storedSourceKeys(db, caseId)).toEqual(
      new Set(['set/1.jpg|100|1', 'bad/zero_bytes.jpg|0|1']),
    );
    const again = await writeIngestBatch(db, caseId, [
      image('set/1.jpg', '11'),
      failure,
      image('set/2.jpg', '22'),
    ]);
    expect(again).toMatchObject({ skipped: 2, failed: 0 });
    expect(again.created).toHaveLength(1);
    expect(await db.files.count()).toBe(2);
    expect(await db.ingestErrors.count()).toBe(1);
  });

  it('rolls the whole batch back on a quota error and reports it as one', async () => {
    const caseId = await openCase();
    await writeIngestBatch(db, caseId, [image('kept.jpg', 'k0')]);
    // The disk fills while the thumbnails of the next batch are written: media rows were already added
    // inside the transaction and must disappear with it.
    db.thumbnails.hook('creating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const failed = writeIngestBatch(db, caseId, [image('x.jpg', 'x1'), image('y.jpg', 'y1')]);
    const cause: unknown = await failed.catch((e: unknown) => e);
    expect(isQuotaError(cause)).toBe(true);
    expect(await db.media.count()).toBe(1);
    expect(await db.files.count()).toBe(1);
    expect(await db.thumbnails.count()).toBe(1);
    expect(isQuotaError(new Error('other'))).toBe(false);
  });
});

describe('writeIngestBatch with videos', () => {
  const hex = (n: number) => n.toString(16).padStart(64, '0');
  function video(path: string, sha256: string, frames: number, decodedMs?: number): IngestedVideo {
    const vpdq = Array.from({ length: frames }, (_, i) => ({
      frame: i * 30,
      quality: i === 0 ? 10 : 90,
      pdq: hex(i % 300),
      timestamp: i,
    }));
    const signature: VideoSignature = {
      ok: true,
      kind: 'video',
      md5: fakeDigest(`md5-${sha256}`, 32),
      sha1: fakeDigest(`sha1-${sha256}`, 40),
      sha256,
      bytes: 5000,
      container: 'mp4',
      codec: 'avc1.64001f',
      width: 640,
      height: 360,
      durationMs: frames * 1000,
      fps: 30,
      secondsPerHash: 1,
      vpdq,
      keyFrames: [0, 30],
      pictureVpdq: [{ frame: 0, quality: 80, pdq: hex(999), timestamp: 0 }],
      ...(decodedMs === undefined ? {} : { incomplete: 'stopped', decodedMs }),
    };
    const blob = new Blob([new Uint8Array([1])]);
    return {
      ok: true,
      kind: 'video',
      path,
      size: 5000,
      lastModified: 1,
      signature,
      mimeType: 'video/mp4',
      format: 'mp4',
      thumbnail: blob,
      thumbnailWidth: 20,
      thumbnailHeight: 10,
      filmstrip: [0, 30].map((frame) => ({ frame, timestamp: frame / 30, blob, width: 16, height: 9 })),
    };
  }

  it('stores a video as media of kind video, its distinct frames in bounded parts, and its filmstrip', async () => {
    const c = await openCase();
    const outcome = await writeIngestBatch(db, c, [video('set/clip.mp4', fakeDigest('v1', 64), 600)]);
    const [media] = outcome.created;
    expect(media).toMatchObject({
      kind: 'video',
      durationMs: 600_000,
      fps: 30,
      width: 640,
      mimeType: 'video/mp4',
    });
    // The card's PDQ: the first key frame of usable quality (frame 0 is near-blank here).
    expect(media!.pdq).toBe(hex(1));
    expect(checkRecord(SYNCED_RECORDS.media, pickSynced('media', media!))).toMatchObject({ ok: true });
    const parts = await db.videoFrames.where('mediaId').equals(media!.id).sortBy('part');
    // 300 distinct hashes of 600 frames: two parts of whole frames, one of the picture inside the bars.
    expect(parts.map((p) => [p.id, p.frames.length, p.picture, p.parts])).toEqual([
      [`${media!.id}.0`, 256, false, 3],
      [`${media!.id}.1`, 44, false, 3],
      [`${media!.id}.2`, 1, true, 3],
    ]);
    for (const part of parts)
      expect(checkRecord(SYNCED_RECORDS.videoFrames, pickSynced('videoFrames', part))).toMatchObject({
        ok: true,
      });
    expect((await db.filmstrips.get(media!.id))?.frames.map((f) => f.frame)).toEqual([0, 30]);
    expect(await db.ingestErrors.count()).toBe(0);
  });

  it('adds a video that decoded in part, and tells the analyst how much', async () => {
    const c = await openCase();
    const outcome = await writeIngestBatch(db, c, [video('set/cut.mp4', fakeDigest('v2', 64), 5, 2_500)]);
    expect(outcome.created).toHaveLength(1);
    const [error] = await db.ingestErrors.toArray();
    expect(error).toMatchObject({
      path: 'set/cut.mp4',
      reason: VIDEO_INCOMPLETE,
      incomplete: { decodedMs: 2_500, durationMs: 5_000 },
    });
  });
});
