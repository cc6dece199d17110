import 'fake-indexeddb/auto';

import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';

import { corpusPath } from '../../../../test/corpus';
import { analyseImage } from '../../../domain/features/compute-features';
import type { CaseId } from '../../../domain/case/ids';
import { UNSORTED, type MediaId } from '../../../domain/case/media';
import { createCase } from '../../db/cases.repository';
import { WaymarkDatabase } from '../../db/database';
import { linksOf } from '../../db/grouping-signals.repository';
import { listSeries } from '../../db/series.repository';
import { listOpenSuggestions } from '../../db/suggestions.repository';
import { SeriesBuilder } from './series-builder';
import type { MediaRecord } from '../../db/records';
import { Span } from '../../perf/user-timing';

let db: WaymarkDatabase;
afterEach(async () => {
  await db.delete();
});

const A = '3c5a9f01'.repeat(8);
const B = 'c3a50f17'.repeat(8);
/** Flips the low bit of the first n nibbles: n bits of Hamming distance. */
const near = (base: string, n: number) =>
  [...base].map((c, i) => (i < n ? (parseInt(c, 16) ^ 1).toString(16) : c)).join('');

function media(caseId: CaseId, id: string, pdq: string): MediaRecord {
  return {
    id: id as MediaId,
    caseId,
    kind: 'image',
    sha256: `sha-${id}`,
    pdq,
    pdqQuality: 100,
    pdqDihedral: [],
    seriesId: UNSORTED,
    sortAt: '~',
    categorySlot: -1,
    camera: '',
    hasGps: 0,
    known: 0,
    version: 1,
    updatedAt: '',
  } as unknown as MediaRecord;
}

describe('SeriesBuilder', () => {
  it('suggests a shoot spread over many quick batches, each batch counted once the suggestions settle', async () => {
    db = new WaymarkDatabase(`builder-${Math.random()}`);
    const made = await createCase(db, 'Shoot');
    if (!made.ok) throw new Error('no case');
    const c = made.record.id;
    const builder = new SeriesBuilder(db, c);
    // 20 batches of two photos of one camera, a minute apart; unrelated pictures (no series).
    const all: MediaRecord[] = [];
    for (let k = 0; k < 20; k++) {
      const batch = [0, 1].map((j): MediaRecord => {
        const n = k * 2 + j;
        const pdq = Array.from({ length: 64 }, (_, d) => ((n * 7 + d * (n + 3)) % 16).toString(16)).join('');
        const capturedAt = new Date(Date.UTC(2016, 9, 16, 11, n)).toISOString();
        return {
          ...media(c, `0S${String(n).padStart(2, '0')}`, pdq),
          sortAt: capturedAt,
          exif: {
            make: 'Example Optics',
            model: 'EO-5',
            serial: 'SYN7781280',
            capturedAt,
          },
        };
      });
      all.push(...batch);
      await db.media.bulkAdd(batch);
      await builder.add(batch);
    }
    await builder.settled();
    const open = await listOpenSuggestions(db, c);
    expect(open).toHaveLength(1);
    expect([...open[0]!.mediaIds].sort()).toEqual(all.map((m) => m.id).sort());
  });

  it('turns near-duplicate groups into series as batches arrive, and seeds itself from storage', async () => {
    db = new WaymarkDatabase(`builder-${Math.random()}`);
    const made = await createCase(db, 'Builder');
    if (!made.ok) throw new Error('no case');
    const c = made.record.id;
    const first = [media(c, '01A', A), media(c, '01B', B)];
    await db.media.bulkAdd(first);
    const builder = new SeriesBuilder(db, c);
    await builder.add(first);
    expect(await listSeries(db, c)).toEqual([]);

    const second = [media(c, '01C', near(A, 8)), media(c, '01D', near(B, 6)), media(c, '01E', near(A, 4))];
    await db.media.bulkAdd(second);
    await builder.add(second);
    const series = await listSeries(db, c);
    expect(series.map((s) => [s.groupKey, s.size])).toEqual([
      ['01A', 3],
      ['01B', 2],
    ]);

    // A new session (after a reload) seeds from storage and keeps the same series.
    const later = new SeriesBuilder(db, c);
    const third = [media(c, '01F', near(B, 2))];
    await db.media.bulkAdd(third);
    await later.add(third);
    expect((await listSeries(db, c)).map((s) => [s.groupKey, s.size])).toEqual([
      ['01A', 3],
      ['01B', 3],
    ]);
  });

  it('joins a crop no hash matches through stored keypoints, keeps the evidence, and replays it after a reload', async () => {
    db = new WaymarkDatabase(`builder-${Math.random()}`);
    const made = await createCase(db, 'Keypoints');
    if (!made.ok) throw new Error('no case');
    const c = made.record.id;
    const decode = async (s: sharp.Sharp) => {
      const { data, info } = await s.removeAlpha().raw().toBuffer({ resolveWithObject: true });
      return analyseImage({ width: info.width, height: info.height, channels: 3, data });
    };
    const file = corpusPath('images/7a689f0e75905c67.jpg');
    const whole = await decode(sharp(file));
    const crop = await decode(
      sharp(file).extract({ left: 100, top: 300, width: 450, height: 280 }).resize({ width: 900 }),
    );
    performance.clearMeasures();
    const first = [media(c, '02A', A)];
    await db.media.bulkAdd(first);
    await db.groupingSignals.add({ id: '02A' as MediaId, caseId: c, ...whole });
    const builder = new SeriesBuilder(db, c);
    await builder.add(first);
    const second = [media(c, '02B', B)];
    await db.media.bulkAdd(second);
    await db.groupingSignals.add({ id: '02B' as MediaId, caseId: c, ...crop });
    await builder.add(second);
    const series = await listSeries(db, c);
    expect(series.map((s) => s.size)).toEqual([2]);
    const [link] = await linksOf(db, '02B' as MediaId);
    expect(link?.kind).toBe('keypoints');
    expect(link?.geometry?.inliers).toBeGreaterThanOrEqual(12);
    // Each batch shows on the performance timeline (what bench:ingest reads): the whole stage per
    // batch, the grouper's work, and the geometric check, which only the second batch needed.
    const spans = (name: Span): unknown[] =>
      performance.getEntriesByName(name, 'measure').map((e) => (e as PerformanceMeasure).detail as unknown);
    expect(spans(Span.grouping)).toEqual([{ images: 1 }, { images: 1 }]);
    expect(spans(Span.groupingVerify)).toEqual([{ images: 1 }]);
    expect(spans(Span.groupingIndex).length).toBeGreaterThanOrEqual(2);

    // A new session rebuilds the grouper from storage: the join is replayed, not lost.
    const later = new SeriesBuilder(db, c);
    const third = [media(c, '02C', near(B, 4))];
    await db.media.bulkAdd(third);
    await later.add(third);
    const after = await listSeries(db, c);
    expect(after.map((s) => s.size)).toEqual([3]);
  });

  it('uses the signals an ingest batch hands over, without reading them back', async () => {
    db = new WaymarkDatabase(`builder-${Math.random()}`);
    const made = await createCase(db, 'Handed over');
    if (!made.ok) throw new Error('no case');
    const c = made.record.id;
    const file = corpusPath('images/7a689f0e75905c67.jpg');
    const decode = async (s: sharp.Sharp) => {
      const { data, info } = await s.removeAlpha().raw().toBuffer({ resolveWithObject: true });
      return analyseImage({ width: info.width, height: info.height, channels: 3, data });
    };
    const whole = await decode(sharp(file));
    const crop = await decode(
      sharp(file).extract({ left: 100, top: 300, width: 450, height: 280 }).resize({ width: 900 }),
    );
    const builder = new SeriesBuilder(db, c);
    const first = [media(c, '03A', A)];
    await db.media.bulkAdd(first);
    await db.groupingSignals.add({ id: '03A' as MediaId, caseId: c, ...whole });
    await builder.add(first);
    // The crop's keypoints are handed over and never stored: only they can join it (its PDQ is
    // unrelated), so the join shows that the builder used them.
    const second = [media(c, '03B', B)];
    await db.media.bulkAdd(second);
    await builder.add(second, [{ id: '03B' as MediaId, caseId: c, ...crop }]);
    expect((await listSeries(db, c)).map((s) => s.size)).toEqual([2]);
    expect(await db.groupingSignals.get('03B' as MediaId)).toBeUndefined();
  });
});

describe('SeriesBuilder with videos', () => {
  const C = '5a5a0ff0'.repeat(8);
  const D = '0ff05a5a'.repeat(8);
  const E = 'a0a0f00f'.repeat(8);
  function video(caseId: CaseId, id: string): MediaRecord {
    return {
      ...media(caseId, id, ''),
      kind: 'video',
      pdqQuality: 0,
      durationMs: 4000,
      fps: 30,
    };
  }
  async function framesFor(caseId: CaseId, id: string, hashes: readonly string[]) {
    await db.videoFrames.add({
      id: `${id}.0`,
      caseId,
      mediaId: id as MediaId,
      part: 0,
      parts: 1,
      secondsPerHash: 1,
      picture: false,
      frames: hashes.map((pdq, i) => ({ frame: i * 30, quality: 90, pdq, timestamp: i })),
      createdAt: '',
    });
  }

  it('puts a video in the series of the images it shows, never merging two series, and pairs matching videos', async () => {
    db = new WaymarkDatabase(`builder-video-${Math.random()}`);
    const made = await createCase(db, 'Videos');
    if (!made.ok) throw new Error('no case');
    const c = made.record.id;
    const builder = new SeriesBuilder(db, c);
    const images = [
      media(c, '01A', A),
      media(c, '01A2', near(A, 4)),
      media(c, '01B', B),
      media(c, '01B2', near(B, 4)),
      media(c, '01C', C),
    ];
    await db.media.bulkAdd(images);
    await builder.add(images);
    const before = await listSeries(db, c);
    expect(before).toHaveLength(2);

    // V1 shows both series' pictures (more frames of A), V2 shows the lone still C, V3 and V4 match
    // only each other.
    const videos = ['01V1', '01V2', '01V3', '01V4'].map((id) => video(c, id));
    await db.media.bulkAdd(videos);
    await framesFor(c, '01V1', [near(A, 2), near(A, 3), near(B, 2)]);
    await framesFor(c, '01V2', [near(C, 5)]);
    await framesFor(c, '01V3', [D, E]);
    await framesFor(c, '01V4', [near(D, 3), near(E, 3)]);
    await builder.add(videos);

    const seriesOf = async (id: string) => (await db.media.get(id as MediaId))!.seriesId;
    expect(await seriesOf('01V1')).toBe(await seriesOf('01A'));
    expect(await seriesOf('01B')).not.toBe(await seriesOf('01A'));
    expect(await seriesOf('01V2')).not.toBe(UNSORTED);
    expect(await seriesOf('01V2')).toBe(await seriesOf('01C'));
    expect(await seriesOf('01V3')).not.toBe(UNSORTED);
    expect(await seriesOf('01V4')).toBe(await seriesOf('01V3'));
    expect((await listSeries(db, c)).map((s) => s.size).sort()).toEqual([2, 2, 2, 3]);
  });

  it('places an unplaced video when its still arrives later', async () => {
    db = new WaymarkDatabase(`builder-video-late-${Math.random()}`);
    const made = await createCase(db, 'Late still');
    if (!made.ok) throw new Error('no case');
    const c = made.record.id;
    const builder = new SeriesBuilder(db, c);
    const v = video(c, '01V');
    await db.media.add(v);
    await framesFor(c, '01V', [near(C, 1)]);
    await builder.add([v]);
    expect((await db.media.get('01V' as MediaId))!.seriesId).toBe(UNSORTED);
    const still = media(c, '01S', C);
    await db.media.add(still);
    await builder.add([still]);
    const placed = (await db.media.get('01V' as MediaId))!.seriesId;
    expect(placed).not.toBe(UNSORTED);
    expect((await db.media.get('01S' as MediaId))!.seriesId).toBe(placed);
  });

  it('counts a link’s frames over all the series’ images when only new images arrive', async () => {
    db = new WaymarkDatabase(`builder-video-recount-${Math.random()}`);
    const made = await createCase(db, 'Recount');
    if (!made.ok) throw new Error('no case');
    const c = made.record.id;
    const builder = new SeriesBuilder(db, c);
    /** Flips the low bit of nibbles [from, to): to - from bits of Hamming distance. */
    const flip = (base: string, from: number, to: number) =>
      [...base].map((ch, i) => (i >= from && i < to ? (parseInt(ch, 16) ^ 1).toString(16) : ch)).join('');
    const images = [media(c, '01A', A), media(c, '01A2', near(A, 4))];
    images.push(media(c, '01B', B), media(c, '01B2', near(B, 4)));
    await db.media.bulkAdd(images);
    await builder.add(images);
    // V shows A (two frames) and B: frame x matches 01B (16 bits off), frame y matches neither 01B nor
    // 01B2 (34 and 38 bits off) but matches the later still 01B3 (14 bits off), which joins B's series
    // (20 bits off 01B) and is 36 bits off x. W matches nothing and stays unsorted, so later images are checked.
    const x = flip(B, 0, 16);
    const y = flip(B, 20, 54);
    const videos = [video(c, '01V'), video(c, '01W')];
    await db.media.bulkAdd(videos);
    await framesFor(c, '01V', [near(A, 2), near(A, 3), x, y]);
    await framesFor(c, '01W', [D]);
    await builder.add(videos);
    const seriesOf = async (id: string) => (await db.media.get(id as MediaId))!.seriesId;
    const b = await seriesOf('01B');
    expect(await seriesOf('01V')).toBe(await seriesOf('01A'));
    expect(await db.videoSeriesLinks.toArray()).toMatchObject([{ mediaId: '01V', seriesId: b, frames: 1 }]);

    // The batch alone shows one frame (y) of B's series; all its images show two (x and y).
    const later = media(c, '01B3', flip(B, 20, 40));
    await db.media.add(later);
    await builder.add([later]);
    expect(await seriesOf('01B3')).toBe(b);
    expect(await db.videoSeriesLinks.toArray()).toMatchObject([{ mediaId: '01V', seriesId: b, frames: 2 }]);
  });
});
