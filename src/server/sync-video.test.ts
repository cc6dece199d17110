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
import { MAX_FRAME_PARTS } from '../domain/video/video-frame-parts';
import { putMutation as put } from './testing/mutations';
import { TestSyncClient } from './testing/sync-client';
import { createTestApp, type TestApp } from './testing/test-app';
import { TEST_DATABASE_KINDS } from './testing/test-database';

// Videos on the team server: a video's media record (kind video, duration, rate) and its vPDQ frame
// parts sync like any record, checked field by field and whole (ids <mediaId>.<part>, at most 16 parts,
// 256 distinct lower-case hashes each); and a video's card frame (its media PDQ) is looked up against
// other cases like an image's, so a still in another case gives both cases a notice.
const of = (changes: readonly Change[], kind: Change['kind'], id?: string) =>
  changes.filter((c) => c.kind === kind && (id === undefined || c.id === id));

describe.each(TEST_DATABASE_KINDS)('videos on the team server, on %s', (kind) => {
  let t: TestApp;
  let olga: string;
  let anton: string;
  const newCase = async (cookie: string, name: string) =>
    CaseView.parse((await t.call('POST', '/api/cases', { cookie, body: { name } })).json()).id;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.addUser('olga', { organization: 'Unit O' });
    await t.addUser('anton', { organization: 'Unit A' });
    olga = await t.login('olga');
    anton = await t.login('anton');
  });
  afterAll(async () => {
    await t.close();
  });

  it('stores a video and its frame parts, and refuses frame parts that break the bounds', async () => {
    const caseId = await newCase(olga, 'Op Video');
    const client = new TestSyncClient(t, olga);
    const videoId = ulid();
    const video = syncedMedia(caseId, videoId, {
      kind: 'video',
      durationMs: 8_000,
      fps: 30,
      mimeType: 'video/mp4',
      format: 'mp4',
      pdqDihedral: [],
    });
    const parts = [0, 1].map((part) => syncedVideoFrames(caseId, videoId, part, { parts: 2 }));
    await client.push(
      put(caseId, 'media', videoId, video),
      ...parts.map((p) => put(caseId, 'videoFrames', p.id, p)),
    );
    const stored = of(await client.pull(), 'put');
    expect(stored.find((c) => c.id === videoId)?.data).toMatchObject({
      kind: 'video',
      durationMs: 8_000,
      fps: 30,
    });
    expect(
      stored
        .filter((c) => c.entity === 'videoFrames')
        .map((c) => c.id)
        .sort(),
    ).toEqual(parts.map((p) => p.id).sort());

    const hostile: [string, Record<string, unknown>][] = [
      // A part beyond the bound per video.
      [
        `${videoId}.${MAX_FRAME_PARTS}`,
        {
          ...parts[0],
          id: `${videoId}.${MAX_FRAME_PARTS}`,
          part: MAX_FRAME_PARTS,
          parts: MAX_FRAME_PARTS + 1,
        },
      ],
      // An id that does not name its media and part.
      [`${videoId}.9`, { ...parts[0], id: `${videoId}.9` }],
      // Too many frames for one record.
      [
        `${videoId}.5`,
        {
          ...syncedVideoFrames(caseId, videoId, 5, { parts: 6 }),
          frames: Array.from({ length: 300 }, (_, i) => ({
            frame: i,
            quality: 90,
            pdq: fakeDigest(`x${i}`, 64),
            timestamp: i,
          })),
        },
      ],
      // A hash that is not canonical hex.
      [
        `${videoId}.4`,
        {
          ...syncedVideoFrames(caseId, videoId, 4, { parts: 5 }),
          frames: [{ frame: 0, quality: 90, pdq: '=HYPERLINK("x")', timestamp: 0 }],
        },
      ],
    ];
    await client.push(...hostile.map(([id, fields]) => put(caseId, 'videoFrames', id, fields)));
    const answers = await client.pull();
    for (const [id] of hostile) {
      expect(of(answers, 'put', id), id).toHaveLength(0);
      expect(of(answers, 'mutation_rejected', id)[0], id).toMatchObject({ entity: 'videoFrames' });
    }
    // Written once: a part's frames cannot be replaced later.
    await client.push(put(caseId, 'videoFrames', parts[0]!.id, { frames: parts[1]!.frames }));
    expect(of(await client.pull(), 'mutation_rejected', parts[0]!.id)[0]).toMatchObject({
      reason: 'immutable_field',
      field: 'frames',
    });
    // A video without its rate is not a video record.
    const bad = ulid();
    await client.push(
      put(caseId, 'media', bad, { ...video, id: bad, fps: undefined, md5: fakeDigest(bad, 32) }),
    );
    expect(of(await client.pull(), 'mutation_rejected', bad)[0]).toMatchObject({ reason: 'invalid_record' });
  });

  it('tells both cases when a video in one shows an image of the other', async () => {
    const caseA = await newCase(olga, 'Op Stills');
    const caseB = await newCase(anton, 'Op Clips');
    const a = new TestSyncClient(t, olga);
    const b = new TestSyncClient(t, anton);
    const still = fakeDigest(`still-${kind}`, 64);
    const imageId = ulid();
    await a.push(
      put(
        caseA,
        'media',
        imageId,
        syncedMedia(caseA, imageId, { pdq: still, pdqQuality: 90, pdqDihedral: fakeDihedral(still) }),
      ),
    );
    const videoId = ulid();
    await b.push(
      put(
        caseB,
        'media',
        videoId,
        syncedMedia(caseB, videoId, {
          kind: 'video',
          durationMs: 4_000,
          fps: 25,
          mimeType: 'video/webm',
          format: 'webm',
          pdq: still,
          pdqQuality: 80,
          pdqDihedral: [],
        }),
      ),
    );
    const found = of(await b.pull(), 'put').filter((c) => c.entity === 'notices');
    expect(found.at(-1)?.data).toMatchObject({
      caseId: caseB,
      otherCaseId: caseA,
      matchedImages: 1,
      matchKinds: ['pdq'],
      direction: 'found',
    });
    const told = of(await a.pull(), 'put').filter((c) => c.entity === 'notices');
    expect(told.at(-1)?.data).toMatchObject({ caseId: caseA, otherCaseId: caseB, direction: 'told' });
  });
});
