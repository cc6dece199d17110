import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';

import { BootstrapResponse, SYNC_PROTOCOL_VERSION, type Change } from '../contract/sync.contract';
import { CaseView } from '../contract/cases.contract';
import { fakeDigest, syncedVideoSeriesLink } from '../contract/records/testing/synced-fixtures';
import { addMember } from './testing/members';
import { mediaPut, putMutation as put, seriesPut } from './testing/mutations';
import { TestSyncClient } from './testing/sync-client';
import { createTestApp, type TestApp } from './testing/test-app';
import { TEST_DATABASE_KINDS } from './testing/test-database';

// A video whose frames show two series joins one and is shown in the other: that link is a synced
// record (videoSeriesLinks), so a colleague sees the video in both series. The server checks it like
// any record (types, bounds, its id naming its video and series) and checks what it names: a video
// and a series of the same case, live (`references`), so no client can point a link into another case.
const of = (changes: readonly Change[], kind: Change['kind'], id?: string) =>
  changes.filter((c) => c.kind === kind && (id === undefined || c.id === id));

describe.each(TEST_DATABASE_KINDS)('video series links on the team server, on %s', (kind) => {
  let t: TestApp;
  let olga: string;
  let anton: string;
  let vera: string;
  let nina: string;
  const newCase = async (cookie: string, name: string) =>
    CaseView.parse((await t.call('POST', '/api/cases', { cookie, body: { name } })).json()).id;

  beforeAll(async () => {
    t = await createTestApp(kind);
    for (const user of ['olga', 'anton', 'vera', 'nina']) await t.addUser(user);
    olga = await t.login('olga');
    anton = await t.login('anton');
    vera = await t.login('vera');
    nina = await t.login('nina');
  });
  afterAll(async () => {
    await t.close();
  });

  /** A case with two series, an image in each, and a video in the first: what placement leaves. */
  async function caseWithVideo(name: string) {
    const caseId = await newCase(olga, name);
    const owner = new TestSyncClient(t, olga);
    const [s1, s2, video, image] = [ulid(), ulid(), ulid(), ulid()];
    await owner.push(
      seriesPut(caseId, s1, 'Beach', 1),
      seriesPut(caseId, s2, 'Garden', 2),
      mediaPut(caseId, image, s2, fakeDigest(`${name}-image`, 32)),
      mediaPut(caseId, video, s1, fakeDigest(`${name}-video`, 32), {
        kind: 'video',
        durationMs: 8_000,
        fps: 30,
        mimeType: 'video/mp4',
        format: 'mp4',
        pdqDihedral: [],
      }),
    );
    expect(of(await owner.pull(), 'mutation_rejected')).toEqual([]);
    return { caseId, owner, s1, s2, video, image };
  }

  it('stores a link and sends it to every member, who then sees the video in both series', async () => {
    const { caseId, owner, s2, video } = await caseWithVideo('Op Links');
    await addMember(t, olga, caseId, 'anton', 'analyst', anton);
    const link = syncedVideoSeriesLink(caseId, video, s2, 7);
    await owner.push(put(caseId, 'videoSeriesLinks', link.id, link));
    expect(of(await owner.pull(), 'mutation_rejected')).toEqual([]);

    const colleague = new TestSyncClient(t, anton);
    const boot = BootstrapResponse.parse((await colleague.bootstrap({ caseId })).json());
    expect(boot.entities.find((e) => e.entity === 'videoSeriesLinks')).toMatchObject({
      id: `${video}:${s2}`,
      data: { mediaId: video, seriesId: s2, frames: 7 },
    });
    colleague.cursor = boot.cursor;

    // The colleague's browser finds the same link (same id): one record, its count last-writer.
    await colleague.push(put(caseId, 'videoSeriesLinks', link.id, { ...link, frames: 9 }));
    expect(of(await owner.pull(), 'put', link.id).at(-1)?.data).toMatchObject({ frames: 9 });
    // A placement that no longer finds it deletes it, for everyone.
    await owner.push({ caseId, entity: 'videoSeriesLinks', id: link.id, op: 'delete' });
    expect(of(await colleague.pull(), 'delete', link.id)).toHaveLength(1);
    // Found again later: the same record comes back.
    await owner.push(put(caseId, 'videoSeriesLinks', link.id, link));
    expect(of(await colleague.pull(), 'put', link.id).at(-1)?.data).toMatchObject({ frames: 7 });
  });

  it('refuses a link that names a record its case does not have, or not a video', async () => {
    const { caseId, owner, s1, s2, video, image } = await caseWithVideo('Op Refs');
    const other = await caseWithVideo('Op Elsewhere');
    const gone = ulid();
    await owner.push(seriesPut(caseId, gone, 'Gone', 3), {
      caseId,
      entity: 'series',
      id: gone,
      op: 'delete',
    });
    const hostile: [string, ReturnType<typeof syncedVideoSeriesLink>, string][] = [
      // Another case's video and series: ids of records the case does not hold.
      ['another case’s video', syncedVideoSeriesLink(caseId, other.video, s2), 'mediaId'],
      ['another case’s series', syncedVideoSeriesLink(caseId, video, other.s2), 'seriesId'],
      ['an image, not a video', syncedVideoSeriesLink(caseId, image, s1), 'mediaId'],
      ['a video nobody pushed', syncedVideoSeriesLink(caseId, ulid(), s2), 'mediaId'],
      ['a deleted series', syncedVideoSeriesLink(caseId, video, gone), 'seriesId'],
    ];
    await owner.push(...hostile.map(([, link]) => put(caseId, 'videoSeriesLinks', link.id, link)));
    const answers = await owner.pull();
    for (const [what, link, field] of hostile) {
      expect(of(answers, 'put', link.id), what).toEqual([]);
      expect(of(answers, 'mutation_rejected', link.id)[0], what).toMatchObject({
        reason: 'unknown_reference',
        field,
      });
    }
    // The other case gets nothing of it.
    expect(of(await other.owner.pull(), 'put').filter((c) => c.entity === 'videoSeriesLinks')).toEqual([]);
  });

  it('refuses a link whose fields break the definition', async () => {
    const { caseId, owner, s1, s2, video } = await caseWithVideo('Op Bounds');
    const link = syncedVideoSeriesLink(caseId, video, s2);
    const hostile: [string, string, Record<string, unknown>, string, string][] = [
      [
        'an id that names another series',
        `${video}:${s1}`,
        { ...link, id: `${video}:${s1}` },
        'invalid_field',
        'id',
      ],
      ['an id with markup', `${video}>${s2}`, { ...link, id: `${video}>${s2}` }, 'invalid_field', 'id'],
      ['more frames than a video syncs', link.id, { ...link, frames: 4097 }, 'invalid_field', 'frames'],
      ['a fractional count', link.id, { ...link, frames: 1.5 }, 'invalid_field', 'frames'],
      ['a field it does not have', link.id, { ...link, note: '=HYPERLINK("x")' }, 'unknown_field', 'note'],
      ['another case', link.id, { ...link, caseId: ulid() }, 'wrong_case', 'caseId'],
      ['no series', link.id, { ...link, seriesId: undefined }, 'invalid_record', 'seriesId'],
    ];
    for (const [what, id, fields, reason, field] of hostile) {
      await owner.push(put(caseId, 'videoSeriesLinks', id, fields));
      const answers = await owner.pull();
      expect(of(answers, 'put', id), what).toEqual([]);
      expect(of(answers, 'mutation_rejected', id)[0], what).toMatchObject({ reason, field });
    }
    // Stored once, its video and series cannot be swapped for others.
    await owner.push(put(caseId, 'videoSeriesLinks', link.id, link));
    await owner.push(put(caseId, 'videoSeriesLinks', link.id, { seriesId: ulid() }));
    expect(of(await owner.pull(), 'mutation_rejected', link.id)[0]).toMatchObject({
      reason: 'immutable_field',
      field: 'seriesId',
    });
  });

  it('takes links from owners and analysts only: a viewer’s and an outsider’s are refused', async () => {
    const { caseId, s2, video } = await caseWithVideo('Op Roles');
    await addMember(t, olga, caseId, 'vera', 'viewer', vera);
    const link = syncedVideoSeriesLink(caseId, video, s2);
    const viewer = new TestSyncClient(t, vera);
    await viewer.push(put(caseId, 'videoSeriesLinks', link.id, link));
    expect(of(await viewer.pull(), 'mutation_rejected', link.id)[0]).toMatchObject({
      reason: 'read_only_role',
    });
    const outsider = new TestSyncClient(t, nina);
    await outsider.push(put(caseId, 'videoSeriesLinks', link.id, link));
    const answers = await outsider.pull();
    expect(answers.map((a) => [a.kind, a.reason, a.data])).toEqual([
      ['mutation_rejected', 'not_member', undefined],
    ]);
    expect((await outsider.bootstrap({ caseId })).statusCode).toBe(404);
    // A request that is not a push at all is refused whole, before any mutation is looked at.
    const malformed = await t.call('POST', '/api/sync/push', {
      cookie: olga,
      body: {
        protocol: SYNC_PROTOCOL_VERSION,
        clientId: ulid(),
        mutations: [
          { mutationId: ulid(), seq: 1, caseId, entity: 'videoSeriesLinks', id: link.id, op: 'link' },
        ],
      },
    });
    expect(malformed.statusCode).toBe(400);
    const owner = new TestSyncClient(t, olga);
    const state = BootstrapResponse.parse((await owner.bootstrap({ caseId })).json()).entities;
    expect(state.filter((e) => e.entity === 'videoSeriesLinks')).toEqual([]);
  });

  it('deletes the links of a deleted video or series, for every member', async () => {
    const { caseId, owner, s1, s2, video, image } = await caseWithVideo('Op Cascade');
    await addMember(t, olga, caseId, 'anton', 'analyst', anton);
    // A second video shown in both series, and a series link of each video.
    const [s3, other, image3] = [ulid(), ulid(), ulid()];
    await owner.push(
      seriesPut(caseId, s3, 'Park', 3),
      mediaPut(caseId, image3, s3, fakeDigest('Op Cascade-image3', 32)),
      mediaPut(caseId, other, s1, fakeDigest('Op Cascade-other', 32), {
        kind: 'video',
        durationMs: 4_000,
        fps: 30,
        mimeType: 'video/mp4',
        format: 'mp4',
        pdqDihedral: [],
      }),
    );
    const links = [
      syncedVideoSeriesLink(caseId, video, s2),
      syncedVideoSeriesLink(caseId, video, s3),
      syncedVideoSeriesLink(caseId, other, s2),
      syncedVideoSeriesLink(caseId, other, s3),
    ];
    await owner.push(...links.map((l) => put(caseId, 'videoSeriesLinks', l.id, l)));
    expect(of(await owner.pull(), 'mutation_rejected')).toEqual([]);
    const colleague = new TestSyncClient(t, anton);
    colleague.cursor = BootstrapResponse.parse((await colleague.bootstrap({ caseId })).json()).cursor;
    const linksNow = async () =>
      BootstrapResponse.parse((await colleague.bootstrap({ caseId })).json())
        .entities.filter((e) => e.entity === 'videoSeriesLinks')
        .map((e) => e.id)
        .sort();

    // The series emptied and deleted by a browser that sent no link deletes: its links go with it.
    await owner.push(
      { caseId, entity: 'media', id: image, op: 'delete' },
      { caseId, entity: 'series', id: s2, op: 'delete' },
    );
    expect(of(await owner.pull(), 'mutation_rejected')).toEqual([]);
    const afterSeries = await colleague.pull();
    expect(of(afterSeries, 'delete', links[0]!.id)).toHaveLength(1);
    expect(of(afterSeries, 'delete', links[2]!.id)).toHaveLength(1);
    expect(await linksNow()).toEqual([links[1]!.id, links[3]!.id].sort());

    // The video deleted: its links go, the other video's stay.
    await owner.push({ caseId, entity: 'media', id: video, op: 'delete' });
    expect(of(await owner.pull(), 'mutation_rejected')).toEqual([]);
    expect(of(await colleague.pull(), 'delete', links[1]!.id)).toHaveLength(1);
    expect(await linksNow()).toEqual([links[3]!.id]);
  });
});
