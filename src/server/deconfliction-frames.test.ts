import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';

import { CaseView } from '../contract/cases.contract';
import {
  fakeDigest,
  fakeDihedral,
  syncedMedia,
  syncedVideoFrames,
} from '../contract/records/testing/synced-fixtures';
import type { Change } from '../contract/sync.contract';
import type { MatchIndexKind } from './services/deconfliction/match-index';
import { TestSyncClient, type NewMutation } from './testing/sync-client';
import { createTestApp, type TestApp } from './testing/test-app';
import type { DatabaseKind } from '../contract/health.contract';

// Frame hashes in deconfliction (issues 16 and 17): every frame of quality >= 50 of a video's
// videoFrames records is in the index, not only its card frame, so a frame deep inside a video that
// shows an image of another case, or a frame two videos share, gives both cases a notice (kind vpdq),
// once, whichever arrives first (the video, its frame parts, or the other case's media).
const put = (caseId: string, entity: NewMutation['entity'], id: string, fields: Record<string, unknown>) =>
  ({ caseId, entity, id, op: 'put', fields }) as NewMutation;
/** Notices written into `caseId` (a new client also pulls the earlier tests' cases). */
const noticesIn = (caseId: string, changes: readonly Change[]) =>
  changes.filter((c) => c.kind === 'put' && c.entity === 'notices' && c.caseId === caseId);

const VARIANTS: readonly (readonly [DatabaseKind, MatchIndexKind])[] = [
  ['sqlite', 'memory'],
  ['postgres', 'memory'],
  ['postgres', 'postgres'],
];

describe.each(VARIANTS)('video frames in deconfliction on %s, %s index', (kind, indexKind) => {
  let t: TestApp;
  let olga: string;
  let anton: string;
  const newCase = async (cookie: string, name: string) =>
    CaseView.parse((await t.call('POST', '/api/cases', { cookie, body: { name } })).json()).id;
  /** A video whose card frame is its own, with frame parts whose frames are `frames` (quality 90). */
  const video = (caseId: string, id: string, frames: readonly string[][]) => [
    put(
      caseId,
      'media',
      id,
      syncedMedia(caseId, id, {
        kind: 'video',
        durationMs: 60_000,
        fps: 25,
        mimeType: 'video/mp4',
        format: 'mp4',
        pdq: fakeDigest(`card-${id}`, 64),
        pdqQuality: 90,
        pdqDihedral: [],
      }),
    ),
    ...frames.map((part, p) => {
      const record = syncedVideoFrames(caseId, id, p, {
        parts: frames.length,
        frames: part.map((pdq, i) => ({ frame: i * 25, quality: 90, pdq, timestamp: i })),
      });
      return put(caseId, 'videoFrames', record.id, record);
    }),
  ];

  beforeAll(async () => {
    t = await createTestApp(kind, { scale: { deconflictionIndex: indexKind } });
    await t.addUser('olga');
    await t.addUser('anton');
    olga = await t.login('olga');
    anton = await t.login('anton');
  });
  afterAll(async () => {
    await t.close();
  });

  it('tells both cases when a frame deep inside a video shows an image of the other, once', async () => {
    const caseA = await newCase(olga, 'Op Stills');
    const caseB = await newCase(anton, 'Op Clips');
    const a = new TestSyncClient(t, olga);
    const b = new TestSyncClient(t, anton);
    const still = fakeDigest(`still-${kind}-${indexKind}`, 64);
    // The video first, with the still as a frame of its second part (not its card frame).
    const videoId = ulid();
    const filler = (n: number) =>
      Array.from({ length: 3 }, (_, i) => fakeDigest(`f-${videoId}-${n}-${i}`, 64));
    await b.push(...video(caseB, videoId, [filler(0), [...filler(1), still]]));
    expect(noticesIn(caseB, await b.pull())).toHaveLength(0);
    const imageId = ulid();
    await a.push(
      put(
        caseA,
        'media',
        imageId,
        syncedMedia(caseA, imageId, { pdq: still, pdqDihedral: fakeDihedral(still) }),
      ),
    );
    const found = noticesIn(caseA, await a.pull());
    expect(found).toHaveLength(1);
    expect(found[0]?.data).toMatchObject({
      caseId: caseA,
      otherCaseId: caseB,
      matchedImages: 1,
      matchKinds: ['vpdq'],
      direction: 'found',
    });
    const told = noticesIn(caseB, await b.pull());
    expect(told).toHaveLength(1);
    expect(told[0]?.data).toMatchObject({
      caseId: caseB,
      otherCaseId: caseA,
      matchedImages: 1,
      matchKinds: ['vpdq'],
      direction: 'told',
    });
    // Nothing written twice: pushing more of either case changes neither notice.
    const other = ulid();
    await a.push(put(caseA, 'media', other, syncedMedia(caseA, other)));
    expect(noticesIn(caseA, await a.pull())).toHaveLength(0);
    expect(noticesIn(caseB, await b.pull())).toHaveLength(0);
  });

  it('tells both cases when two videos share a frame, whichever part arrives last', async () => {
    const caseA = await newCase(olga, 'Op Tapes');
    const caseB = await newCase(anton, 'Op Reels');
    const a = new TestSyncClient(t, olga);
    const b = new TestSyncClient(t, anton);
    const shared = fakeDigest(`shared-${kind}-${indexKind}`, 64);
    const first = ulid();
    await a.push(...video(caseA, first, [[fakeDigest(`a-${first}`, 64), shared]]));
    // The second video's record comes before its frames, in another push: the frame part finds it.
    const second = ulid();
    const [media, ...parts] = video(caseB, second, [[fakeDigest(`b-${second}`, 64)], [shared]]);
    await b.push(media!);
    expect(noticesIn(caseB, await b.pull())).toHaveLength(0);
    await b.push(...parts);
    const found = noticesIn(caseB, await b.pull());
    expect(found).toHaveLength(1);
    expect(found[0]?.data).toMatchObject({ caseId: caseB, otherCaseId: caseA, matchKinds: ['vpdq'] });
    const told = noticesIn(caseA, await a.pull());
    expect(told).toHaveLength(1);
    expect(told[0]?.data).toMatchObject({ caseId: caseA, otherCaseId: caseB, direction: 'told' });
  });

  it('ignores frames below the quality floor', async () => {
    const caseA = await newCase(olga, 'Op Dark');
    const caseB = await newCase(anton, 'Op Night');
    const a = new TestSyncClient(t, olga);
    const b = new TestSyncClient(t, anton);
    const dark = fakeDigest(`dark-${kind}-${indexKind}`, 64);
    const videoId = ulid();
    const record = syncedVideoFrames(caseB, videoId, 0, {
      frames: [{ frame: 0, quality: 49, pdq: dark, timestamp: 0 }],
    });
    const [media] = video(caseB, videoId, []);
    await b.push(media!, put(caseB, 'videoFrames', record.id, record));
    const imageId = ulid();
    await a.push(
      put(
        caseA,
        'media',
        imageId,
        syncedMedia(caseA, imageId, { pdq: dark, pdqDihedral: fakeDihedral(dark) }),
      ),
    );
    expect(noticesIn(caseA, await a.pull())).toHaveLength(0);
    expect(noticesIn(caseB, await b.pull())).toHaveLength(0);
  });
});
