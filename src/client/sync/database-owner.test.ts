import 'fake-indexeddb/auto';

import { afterEach, describe, expect, it } from 'vitest';

import type { MediaId } from '../../domain/case/media';
import type { WaymarkDatabase } from '../db/database';
import { renameSeries } from '../db/series.repository';
import { claimDatabase, OtherAnalystChangesError } from './database-owner';
import { STATE } from './sync-state';
import { browserWithAlicesSharedCase } from './testing/shared-case-browser';

const dbs: WaymarkDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

/** One browser where Alice shared a case (synced) beside a local case of the browser. */
async function aliceOnSharedBrowser() {
  const setup = await browserWithAlicesSharedCase((db) => dbs.push(db));
  const clientId = (await setup.db.syncState.get(STATE.client))?.clientId;
  return { ...setup, clientId };
}

describe('one analyst per browser database', () => {
  it('when another analyst signs in, removes the previous analyst’s team cases and starts a new client', async () => {
    const { db, caseId, localId, engineFor, clientId } = await aliceOnSharedBrowser();
    expect(clientId).toBeDefined();
    await engineFor('carol').syncOnce(); // Carol is not a member of Alice's case
    expect(await db.cases.get(caseId as never)).toBeUndefined();
    expect(await db.media.count()).toBe(0);
    expect(await db.thumbnails.count()).toBe(0);
    expect(db.teamCases.has(caseId)).toBe(false);
    expect(await db.cases.get(localId as never)).toMatchObject({ name: 'Local notes' });
    expect((await db.syncState.get(STATE.owner))?.userId).toBe('carol');
    expect((await db.syncState.get(STATE.client))?.clientId).not.toBe(clientId);
  });

  it('a member who takes over the browser downloads the case again', async () => {
    const { server, db, caseId, engineFor } = await aliceOnSharedBrowser();
    server.grant(caseId, 'bob');
    await engineFor('bob').syncOnce();
    expect(await db.cases.get(caseId as never)).toMatchObject({ team: true });
    expect(await db.media.get('m1' as MediaId)).toMatchObject({ caseId, seriesId: 'S1' });
  });

  it('the same analyst again changes nothing', async () => {
    const { db, caseId, engineFor, clientId } = await aliceOnSharedBrowser();
    await engineFor('alice').syncOnce();
    expect(await db.media.get('m1' as MediaId)).toBeDefined();
    expect(await db.thumbnails.count()).toBe(1);
    expect((await db.syncState.get(STATE.client))?.clientId).toBe(clientId);
    expect(db.teamCases.has(caseId)).toBe(true);
  });

  it('never drops the previous analyst’s unsent changes silently: it waits, or discards them when asked', async () => {
    const { db, caseId, engineFor } = await aliceOnSharedBrowser();
    await renameSeries(db, 'S1' as never, 'Beach set'); // Alice, offline, before leaving
    expect(await db.outbox.count()).toBe(1);
    const carol = engineFor('carol');
    const refused = await carol.syncOnce().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OtherAnalystChangesError);
    expect((refused as OtherAnalystChangesError).pending).toBe(1);
    expect((refused as Error).message).toMatch(/1 unsent change by the analyst who synced here before you/);
    // Nothing was removed: Alice can still sign in and send it.
    expect(await db.outbox.count()).toBe(1);
    expect((await db.series.get('S1' as never))?.name).toBe('Beach set');
    expect((await db.syncState.get(STATE.owner))?.userId).toBe('alice');

    await claimDatabase(db, 'carol', { discardPending: true });
    expect(await db.outbox.count()).toBe(0);
    expect(await db.cases.get(caseId as never)).toBeUndefined();
    await carol.syncOnce();
    expect((await db.syncState.get(STATE.owner))?.userId).toBe('carol');
  });
});
