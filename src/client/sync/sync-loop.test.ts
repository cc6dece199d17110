import 'fake-indexeddb/auto';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { ServerUnreachableError } from '../api/api-client';
import { createCase } from '../db/cases.repository';
import { WaymarkDatabase } from '../db/database';
import { renameSeries } from '../db/series.repository';
import { shareCase } from './share-case';
import { SyncEngine } from './sync-engine';
import { initialSyncStatus, type SyncStatus } from './sync-status.store';
import { FakeSyncServer } from './testing/fake-sync-server';
import { seriesRecord } from '../db/testing/records';
import type { SyncTransport } from './transport';

let db: WaymarkDatabase;
let running: SyncEngine | undefined;
afterEach(async () => {
  running?.stop();
  await db.delete();
});

async function setup(transport: (server: FakeSyncServer) => SyncTransport) {
  const server = new FakeSyncServer();
  db = new WaymarkDatabase(`loop-${Math.random()}`);
  const made = await createCase(db, 'Loop');
  if (!made.ok) throw new Error('no case');
  await db.series.add(seriesRecord(made.record.id, 'S1'));
  await shareCase(db, made.record.id, () => undefined, {
    createRemoteCase: (id) => Promise.resolve(server.createCase(id, 'alice')),
  });
  const status: SyncStatus = { ...initialSyncStatus };
  running = new SyncEngine(db, {
    transport: transport(server),
    locks: false,
    pokes: false,
    debounceMs: 5,
    intervalMs: 3_600_000,
    onStatus: (patch) => Object.assign(status, patch),
  });
  return { server, status, engine: running };
}

describe('sync loop', () => {
  it('syncs on start and again after a local write, then reports idle with nothing pending', async () => {
    const { server, status, engine } = await setup((s) => s.transport('alice'));
    engine.start();
    await vi.waitFor(() => expect(server.entities.get('series:S1')).toBeDefined());
    await renameSeries(db, 'S1' as never, 'Named later');
    await vi.waitFor(() => expect(server.entities.get('series:S1')?.data.name).toBe('Named later'));
    await vi.waitFor(() => expect(status).toMatchObject({ state: 'idle', pending: 0, error: null }));
    expect(status.lastSyncAt).not.toBeNull();
    engine.stop();
    expect(status.state).toBe('off');
  });

  it('reports an unreachable server as offline, in words, and keeps the changes pending', async () => {
    const { status, engine } = await setup((s) => ({
      ...s.transport('alice'),
      push: () => Promise.reject(new ServerUnreachableError(new Error('ECONNREFUSED'))),
    }));
    engine.start();
    await vi.waitFor(() => expect(status.state).toBe('offline'));
    expect(status.error).toMatch(/cannot be reached/);
    expect(status.pending).toBe(2); // the case and its series, queued by the share
  });
});
