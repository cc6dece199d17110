import 'fake-indexeddb/auto';

import { afterEach, describe, expect, it } from 'vitest';

import type { MediaId } from '../../domain/case/media';
import type { WaymarkDatabase } from '../db/database';
import { renameSeries } from '../db/series.repository';
import { signOutOfTeamCases } from './sign-out';
import { STATE } from './sync-state';
import { browserWithAlicesSharedCase } from './testing/shared-case-browser';
import type { SyncTransport } from './transport';

const dbs: WaymarkDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

/** Alice's browser: a shared case (synced, with an image and its thumbnail) beside a local case. */
async function aliceSignedIn() {
  const { server, db, caseId, localId } = await browserWithAlicesSharedCase((db) => dbs.push(db));
  const transport = server.transport('alice');
  let sessions = 1;
  const endSession = () => {
    sessions--;
    return Promise.resolve();
  };
  return { server, db, caseId, localId, transport, endSession, sessions: () => sessions };
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
