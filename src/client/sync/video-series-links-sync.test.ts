import 'fake-indexeddb/auto';

import { afterEach, describe, expect, it } from 'vitest';

import { syncedVideoFrames } from '../../contract/records/testing/synced-fixtures';
import type { CaseId } from '../../domain/case/ids';
import { UNSORTED, type MediaId, type SeriesId } from '../../domain/case/media';
import { createCase } from '../db/cases.repository';
import { WaymarkDatabase } from '../db/database';
import { linkedVideoIds, queryGridIds, seriesVideoCounts } from '../db/media.repository';
import type { MediaRecord } from '../db/records';
import { mergeSeries, moveToSeries } from '../db/series.repository';
import { mediaRecord } from '../db/testing/records';
import { SeriesBuilder } from '../features/series/series-builder';
import { shareCase } from './share-case';
import { SyncEngine } from './sync-engine';
import { FakeSyncServer } from './testing/fake-sync-server';

// A video whose frames show two series joins one and is shown in the other (a videoSeriesLinks
// record). Placed in Alice's browser, the link syncs: Bob's browser shows the video in both series,
// and when a later placement in Alice's browser drops the link, it goes from Bob's too.
const dbs: WaymarkDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const A = '3c5a9f01'.repeat(8);
const B = 'c3a50f17'.repeat(8);
const D = '0ff05a5a'.repeat(8);
/** Flips the low bit of the first n nibbles: n bits of Hamming distance. */
const near = (base: string, n: number) =>
  [...base].map((c, i) => (i < n ? (parseInt(c, 16) ^ 1).toString(16) : c)).join('');

function openDb(): WaymarkDatabase {
  const db = new WaymarkDatabase(`video-links-${Math.random()}`);
  dbs.push(db);
  return db;
}

const image = (caseId: string, id: string, pdq: string): MediaRecord =>
  mediaRecord(caseId, id, { pdq, pdqQuality: 100, pdqDihedral: [] });

async function addVideo(db: WaymarkDatabase, caseId: CaseId, id: string, frames: readonly string[]) {
  const video = mediaRecord(caseId, id, {
    kind: 'video',
    durationMs: 4_000,
    fps: 30,
    mimeType: 'video/mp4',
    format: 'mp4',
    pdqQuality: 0,
    pdqDihedral: [],
  });
  await db.media.add(video);
  await db.videoFrames.add(
    syncedVideoFrames(caseId, id, 0, {
      frames: frames.map((pdq, i) => ({ frame: i * 30, quality: 90, pdq, timestamp: i })),
    }),
  );
  return video;
}

/**
 * Alice's shared case with two series' stills and a video of both (in A's series, linked to B's),
 * synced to Bob's browser.
 */
async function twoBrowsers() {
  const server = new FakeSyncServer();
  const alice = openDb();
  const bob = openDb();
  const made = await createCase(alice, 'Operation Two Series');
  if (!made.ok) throw new Error('no case');
  const caseId = made.record.id;
  await shareCase(alice, caseId, () => undefined, {
    createRemoteCase: (id) => Promise.resolve(server.createCase(id, 'alice')),
  });
  const engine = (db: WaymarkDatabase, user: string) =>
    new SyncEngine(db, {
      transport: server.transport(user),
      pokes: false,
      locks: false,
      onStatus: () => undefined,
    });
  const engineA = engine(alice, 'alice');
  const engineB = engine(bob, 'bob');

  // Alice adds two series' stills and a video that shows both (more frames of A's series).
  const builder = new SeriesBuilder(alice, caseId);
  const stills = [image(caseId, '01A', A), image(caseId, '01A2', near(A, 4))];
  stills.push(image(caseId, '01B', B), image(caseId, '01B2', near(B, 4)));
  await alice.media.bulkAdd(stills);
  await builder.add(stills);
  const video = await addVideo(alice, caseId, '01V', [near(A, 2), near(A, 3), near(B, 2)]);
  await builder.add([video]);
  const seriesOf = async (db: WaymarkDatabase, id: string) => (await db.media.get(id as MediaId))!.seriesId;
  const own = await seriesOf(alice, '01A');
  const other = await seriesOf(alice, '01B');
  expect(other).not.toBe(own);
  expect(await seriesOf(alice, '01V')).toBe(own);
  expect(await alice.videoSeriesLinks.toArray()).toMatchObject([
    { id: `01V:${other}`, mediaId: '01V', seriesId: other, frames: 1 },
  ]);

  await engineA.syncOnce();
  expect(await alice.outbox.count()).toBe(0);
  server.grant(caseId, 'bob');
  await engineB.syncOnce();
  expect(await bob.videoSeriesLinks.count()).toBe(1);
  return { alice, bob, engineA, engineB, caseId, builder, own, other, seriesOf };
}

describe('a video shown in a second series, across browsers', () => {
  it('shows the video in both series in a colleague’s browser, and drops the link there when it goes', async () => {
    const { alice, bob, engineA, engineB, caseId, builder, own, other, seriesOf } = await twoBrowsers();

    // Bob's browser: the video in its own series and, marked as linked, in the other; both series kept.
    const grid = (db: WaymarkDatabase, seriesId: SeriesId) => queryGridIds(db, caseId, { seriesId });
    expect(await seriesOf(bob, '01V')).toBe(own);
    expect((await grid(bob, own)).sort()).toEqual(['01A', '01A2', '01V']);
    expect((await grid(bob, other)).sort()).toEqual(['01B', '01B2', '01V']);
    expect([...(await linkedVideoIds(bob, caseId, other))]).toEqual(['01V']);
    expect([...(await linkedVideoIds(bob, caseId, own))]).toEqual([]);
    expect((await seriesVideoCounts(bob, caseId)).get(other)).toEqual({ members: 0, linked: 1 });
    expect(await bob.videoSeriesLinks.toArray()).toEqual(await alice.videoSeriesLinks.toArray());

    // Alice moves the other series' stills into the video's own series, then adds a new video: the
    // placement sees every image again, and the link (now to the video's own series' pictures) goes.
    await moveToSeries(alice, caseId, ['01B', '01B2'] as MediaId[], own);
    const later = await addVideo(alice, caseId, '01W', [D]);
    await builder.add([later]);
    expect(await seriesOf(alice, '01W')).toBe(UNSORTED);
    expect(await alice.videoSeriesLinks.count()).toBe(0);
    await engineA.syncOnce();
    await engineB.syncOnce();
    expect(await bob.videoSeriesLinks.count()).toBe(0);
    expect(await grid(bob, other)).toEqual([]);
    expect((await grid(bob, own)).sort()).toEqual(['01A', '01A2', '01B', '01B2', '01V']);
    expect(await bob.outbox.count()).toBe(0);
  });

  it('drops the link in both browsers when Alice moves the video into the linked series by hand', async () => {
    const { alice, bob, engineA, engineB, caseId, other, seriesOf } = await twoBrowsers();
    await moveToSeries(alice, caseId, ['01V'] as MediaId[], other);
    expect(await alice.videoSeriesLinks.count()).toBe(0);
    await engineA.syncOnce();
    await engineB.syncOnce();
    expect(await seriesOf(bob, '01V')).toBe(other);
    expect(await bob.videoSeriesLinks.count()).toBe(0);
    expect([...(await linkedVideoIds(bob, caseId, other))]).toEqual([]);
    expect((await seriesVideoCounts(bob, caseId)).get(other)).toEqual({ members: 1, linked: 0 });
  });

  it('drops the link in both browsers when the linked series is merged away', async () => {
    const { alice, bob, engineA, engineB, caseId, own, other } = await twoBrowsers();
    await mergeSeries(alice, caseId, other, own);
    expect(await alice.series.get(other)).toBeUndefined();
    expect(await alice.videoSeriesLinks.count()).toBe(0);
    await engineA.syncOnce();
    expect(await alice.outbox.count()).toBe(0);
    await engineB.syncOnce();
    expect(await bob.series.get(other)).toBeUndefined();
    expect(await bob.videoSeriesLinks.count()).toBe(0);
  });
});
