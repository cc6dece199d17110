import 'fake-indexeddb/auto';

import { afterEach, describe, expect, it } from 'vitest';

import type { MediaId } from '../../domain/case/media';
import { createCase } from '../db/cases.repository';
import { WaymarkDatabase } from '../db/database';
import { renameSeries } from '../db/series.repository';
import { mediaRecord, seriesRecord } from '../db/testing/records';
import { shareCase } from './share-case';
import { signOutOfTeamCases } from './sign-out';
import { SyncEngine } from './sync-engine';
import { STATE } from './sync-state';
import { FakeSyncServer } from './testing/fake-sync-server';
import type { SyncTransport } from './transport';

const dbs: WaymarkDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

/** Alice's browser: a shared case (synced, with an image and its thumbnail) beside a local case. */
async function aliceSignedIn() {
  const server = new FakeSyncServer();
  const db = new WaymarkDatabase(`sign-out-${Math.random()}`);
  dbs.push(db);
  const shared = await createCase(db, 'Operation Lantern');
  const local = await createCase(db, 'Local notes');
  if (!shared.ok || !local.ok) throw new Error('no case');
  const caseId = shared.record.id;
  await db.series.add(seriesRecord(caseId, 'S1', { size: 1 }));
  await db.media.add(mediaRecord(caseId, 'm1', { seriesId: 'S1' as never }));
  await db.thumbnails.add({ id: 'm1' as MediaId, blob: new Blob(['x']), width: 1, height: 1 });
  await shareCase(db, caseId, () => undefined, {
    createRemoteCase: (id) => Promise.resolve(server.createCase(id, 'alice')),
  });
  const transport = server.transport('alice');
  await new SyncEngine(db, {
    transport,
    userId: 'alice',
    pokes: false,
    locks: false,
    onStatus: () => undefined,
  }).syncOnce();
  let sessions = 1;
  const endSession = () => {
    sessions--;
    return Promise.resolve();
  };
  return { server, db, caseId, localId: local.record.id, transport, endSession, sessions: () => sessions };
}

const offline: SyncTransport['push'] = () => Promise.reject(new TypeError('Failed to fetch'));

describe('signing out of a browser', () => {
  it('sends unsent changes, ends the session, and leaves only the local cases', async () => {
    const { server, db, caseId, localId, transport, endSession, sessions } = await aliceSignedIn();
    await renameSeries(db, 'S1' as never, 'Beach set');
    expect(await db.outbox.count()).toBe(1);

    const result = await signOutOfTeamCases({
      db,
      transport,
      userId: 'alice',
      discardUnsent: false,
      endSession,
    });

    expect(result).toEqual({ done: true });
    expect(sessions()).toBe(0);
    expect(server.entities.get('series:S1')?.data).toMatchObject({ name: 'Beach set' });
    expect(await db.cases.get(caseId as never)).toBeUndefined();
    expect(await db.media.count()).toBe(0);
    expect(await db.series.count()).toBe(0);
    expect(await db.thumbnails.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.syncState.get(STATE.owner)).toBeUndefined();
    expect(db.teamCases.size).toBe(0);
    expect(await db.cases.get(localId as never)).toMatchObject({ name: 'Local notes' });
  });

  it('changes that cannot be sent stop the sign-out until the analyst discards them', async () => {
    const { db, caseId, transport, endSession, sessions } = await aliceSignedIn();
    await renameSeries(db, 'S1' as never, 'Beach set');
    const cut = { ...transport, push: offline };

    const held = await signOutOfTeamCases({
      db,
      transport: cut,
      userId: 'alice',
      discardUnsent: false,
      endSession,
    });
    expect(held).toEqual({ done: false, unsent: 1 });
    expect(sessions()).toBe(1); // still signed in, with the case and the change
    expect((await db.series.get('S1' as never))?.name).toBe('Beach set');
    expect(await db.outbox.count()).toBe(1);

    const discarded = await signOutOfTeamCases({
      db,
      transport: cut,
      userId: 'alice',
      discardUnsent: true,
      endSession,
    });
    expect(discarded).toEqual({ done: true });
    expect(sessions()).toBe(0);
    expect(await db.cases.get(caseId as never)).toBeUndefined();
    expect(await db.outbox.count()).toBe(0);
  });

  it('keeps everything when the server cannot end the session', async () => {
    const { db, caseId, transport } = await aliceSignedIn();
    const failing = () => Promise.reject(new TypeError('Failed to fetch'));
    await expect(
      signOutOfTeamCases({ db, transport, userId: 'alice', discardUnsent: false, endSession: failing }),
    ).rejects.toThrow('Failed to fetch');
    expect(await db.cases.get(caseId as never)).toMatchObject({ team: true });
    expect(await db.media.get('m1' as MediaId)).toBeDefined();
  });
});
