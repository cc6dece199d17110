import type { MediaId } from '../../../domain/case/media';
import { createCase } from '../../db/cases.repository';
import { WaymarkDatabase } from '../../db/database';
import { mediaRecord, seriesRecord } from '../../db/testing/records';
import { shareCase } from '../share-case';
import { SyncEngine } from '../sync-engine';
import { FakeSyncServer } from './fake-sync-server';

/**
 * A browser database where Alice shared a case (synced: series S1 with image m1 and its thumbnail)
 * beside a local case of the browser. `track` receives the database so the test can delete it after.
 */
export async function browserWithAlicesSharedCase(track: (db: WaymarkDatabase) => void) {
  const server = new FakeSyncServer();
  const db = new WaymarkDatabase(`shared-case-${Math.random()}`);
  track(db);
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
  const engineFor = (user: string) =>
    new SyncEngine(db, {
      transport: server.transport(user),
      userId: user,
      pokes: false,
      locks: false,
      onStatus: () => undefined,
    });
  await engineFor('alice').syncOnce();
  return { server, db, caseId, localId: local.record.id, engineFor };
}
