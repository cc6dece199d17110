import { ulid } from 'ulidx';

import { endpoints } from '../../contract/endpoints.contract';
import type { Assert } from '../../contract/records/same-shape';
import { baseVersionFields, type SyncedEntity } from '../../contract/records/synced-records';
import { ApiError, callApi } from '../api/api-client';
import type { WaymarkDatabase } from '../db/database';
import { markTeamCase } from './mark-team';
import { sentFields } from './record-diff';
import { STATE } from './sync-state';
import type { OutboxRow } from './sync-records';

export interface ShareProgress {
  readonly done: number;
  readonly total: number;
}

/**
 * The order records are uploaded in: the case first (the server checks every other mutation against
 * it), series before the media that name them, history after what it describes, a video's links after
 * the video and the series they name (the server refuses a link to a record it does not hold).
 * Notices are the server's own and never uploaded.
 */
const UPLOAD_ORDER = [
  'cases',
  'series',
  'media',
  'files',
  'videoFrames',
  'videoSeriesLinks',
  'seriesLeads',
  'leadEvents',
  'clueRevisions',
  'noteRevisions',
  'listMatches',
] as const satisfies readonly SyncedEntity[];

/** Every synced entity but the server's own is uploaded: a new one missing here is a compile error. */
export type EveryEntityUploaded = Assert<
  [Exclude<SyncedEntity, 'notices' | (typeof UPLOAD_ORDER)[number]>] extends [never] ? true : false
>;

const BATCH = 500;

export interface ShareDeps {
  /** Creates the case on the server with the local id (default: POST /api/cases). */
  createRemoteCase?: (id: string, name: string) => Promise<void>;
  /** Called once everything is queued (default: none; index.ts passes syncNow). */
  afterQueued?: () => void;
}

/**
 * Makes a local case a team case (it keeps its id): creates it on the server, marks it team (from
 * then on every local write to it goes to the outbox), and queues a `put` of every synced record it
 * holds, 500 per transaction, through the same push as every other change.
 *
 * Resumable: the tables already queued are recorded, so calling it again after an interruption queues
 * only the rest (a record queued twice is harmless: the second put changes nothing at the server).
 */
export async function shareCase(
  db: WaymarkDatabase,
  caseId: string,
  onProgress: (progress: ShareProgress) => void = () => undefined,
  deps: ShareDeps = {},
): Promise<void> {
  const record = await db.cases.get(caseId as never);
  if (!record) throw new Error('This case no longer exists on this device.');
  const progressKey = STATE.share(caseId);
  let progress = await db.syncState.get(progressKey);
  if (record.team && !progress) return;

  if (!record.team) {
    await (deps.createRemoteCase ?? createOnServer)(caseId, record.name);
    await db.syncState.put({ id: progressKey, doneEntities: [] });
    progress = await db.syncState.get(progressKey);
    await markTeamCase(db, caseId);
  }

  const done = new Set(progress?.doneEntities ?? []);
  const keys = new Map<SyncedEntity, string[]>();
  for (const entity of UPLOAD_ORDER) {
    if (done.has(entity)) continue;
    const table = db.table(entity);
    keys.set(
      entity,
      entity === 'cases'
        ? [caseId]
        : ((await table.where('caseId').equals(caseId).primaryKeys()) as string[]),
    );
  }
  const total = [...keys.values()].reduce((n, k) => n + k.length, 0);
  let queued = 0;
  onProgress({ done: 0, total });
  for (const [entity, ids] of keys) {
    for (let start = 0; start < ids.length || start === 0; start += BATCH) {
      const slice = ids.slice(start, start + BATCH);
      const last = start + BATCH >= ids.length;
      await db.transaction('rw', [db.table(entity), db.outbox, db.syncState], async () => {
        // The case row comes from the record as it was before sharing: a pull running meanwhile may
        // already have replaced it by the server's (which lacks fields only this device had).
        const records =
          entity === 'cases'
            ? [caseRow(record)]
            : ((await db.table(entity).bulkGet(slice)) as (Record<string, unknown> | undefined)[]);
        const at = new Date().toISOString();
        const rows: Omit<OutboxRow, 'seq'>[] = [];
        for (const r of records)
          if (r)
            rows.push({
              mutationId: ulid(),
              caseId,
              entity,
              entityId: String(r.id),
              op: 'put',
              fields: sentFields(entity, r),
              ...baseVersionsOf(entity, r),
              at,
            });
        await db.outbox.bulkAdd(rows);
        if (last) {
          done.add(entity);
          await db.syncState.put({ id: progressKey, doneEntities: [...done] });
        }
      });
      queued += slice.length;
      onProgress({ done: queued, total });
      if (last) break;
    }
  }
  await db.syncState.delete(progressKey);
  deps.afterQueued?.();
}

/**
 * The case as uploaded: without `createdAt`, which the server set when it created the case (immutable
 * there: sending ours would get the whole record refused).
 */
function caseRow(record: object): Record<string, unknown> {
  const { createdAt: _serverSetsIt, ...rest } = record as Record<string, unknown>;
  return rest;
}

/** A first upload names version 0 for high-stakes fields (never synced). */
function baseVersionsOf(entity: SyncedEntity, record: Record<string, unknown>) {
  const fields = baseVersionFields(entity).filter((f) => record[f] !== undefined);
  return fields.length > 0 ? { baseVersions: Object.fromEntries(fields.map((f) => [f, 0])) } : {};
}

async function createOnServer(id: string, name: string): Promise<void> {
  try {
    await callApi(endpoints.createCase, { body: { id, name } });
  } catch (error) {
    // Created by an earlier attempt that did not finish here: fine if this user can see it.
    if (!(error instanceof ApiError && error.status === 409)) throw error;
    await callApi(endpoints.getCase, { params: { caseId: id } });
  }
}
