/**
 * Applies server changes to the local database (docs/SYNC.md "Pull and bootstrap"). Runs inside the caller's
 * applying transaction (runApplying over APPLY_TABLES), so its writes bypass the outbox and commit
 * with whatever the caller stores beside them (the pull cursor, bootstrap progress).
 *
 * Every local table is keyed by `id`; a record's key is taken from the change, whatever its data holds.
 *
 * The apply rule, per record: a change applies only if its `seq` is newer than the record's
 * `serverSeq`; the record becomes the server's data plus its own local-only fields, with `serverSeq`
 * and `fieldVersions`; then the record's pending outbox changes are re-applied on top, so an
 * unpushed local edit is never overwritten by what the server had before it. Replayed, duplicated or
 * re-ordered changes are therefore no-ops.
 *
 * Outcomes addressed to this client: `mutation_rejected` restores the server's state (or removes a
 * record the server does not have) and keeps the reason in words; `conflict` stores the conflict for
 * the analyst and shows the server's value until they decide. Both mean the server has answered for
 * every outbox row up to that mutation, so those rows are dropped.
 */
import { checkShape } from '../../contract/records/record-validation';
import { SYNCED_RECORDS } from '../../contract/records/synced-records';
import type { Change } from '../../contract/sync.contract';
import { RejectionReason } from '../../domain/sync/rejection-reason';
import { UNSORTED, type SeriesId } from '../../domain/case/media';
import { SYNCED_ENTITIES, type SyncedEntity } from '../../contract/records/synced-records';
import type { WaymarkDatabase } from '../db/database';
import { derive, withLocalFields } from './local-fields';
import { purgeCaseInside } from './purge';
import { caseIdOf } from './record-diff';
import { recountSeries } from './series-size';
import { STATE, clearUnreadable, noteRejections, noteUnreadable } from './sync-state';
import type { OutboxRow, RejectionNote, SyncConflict, UnreadableRecordNote } from './sync-records';

type Row = Record<string, unknown>;

export interface ApplyOutcome {
  /** Cases granted to this user in these changes: each owes a bootstrap (recorded in syncState). */
  readonly granted: string[];
  readonly revoked: string[];
  readonly rejected: RejectionNote[];
  /** Received records that did not parse with their definition: set aside, not stored. */
  readonly unreadable: UnreadableRecordNote[];
  conflicts: number;
}

/**
 * Refusals about the record's own content: the server holds nothing of it, and the analyst's local
 * record is kept (named in the rejections) rather than removed, so no work is lost to a refusal.
 */
const CONTENT_REFUSALS: ReadonlySet<string> = new Set([
  RejectionReason.invalidField,
  RejectionReason.invalidRecord,
  RejectionReason.unknownField,
  RejectionReason.tooLarge,
  RejectionReason.unknownReference,
]);

const SYNCED = new Set<string>(SYNCED_ENTITIES);

export async function applyChanges(db: WaymarkDatabase, changes: readonly Change[]): Promise<ApplyOutcome> {
  const outcome: ApplyOutcome = { granted: [], revoked: [], rejected: [], unreadable: [], conflicts: 0 };
  let batch: Change[] = [];
  for (const change of changes) {
    if (change.kind === 'case_granted' || change.kind === 'case_revoked') {
      await applyBatch(db, batch, outcome);
      batch = [];
      if (change.kind === 'case_granted') {
        // A case this device already holds as a team case (the one it just shared: its creator is
        // granted it too) needs no download; later changes arrive by pull like any other.
        const held = (await db.cases.get(change.caseId as never))?.team === true;
        db.teamCases.add(change.caseId);
        const key = STATE.bootstrap(change.caseId);
        if (!held && !(await db.syncState.get(key)))
          await db.syncState.put({ id: key, caseId: change.caseId, after: null, startCursor: null });
        outcome.granted.push(change.caseId);
      } else {
        await purgeCaseInside(db, change.caseId);
        outcome.revoked.push(change.caseId);
      }
    } else if (change.entity && change.id !== undefined && SYNCED.has(change.entity)) batch.push(change);
  }
  await applyBatch(db, batch, outcome);
  await noteRejections(db, outcome.rejected);
  await noteUnreadable(db, outcome.unreadable);
  return outcome;
}

interface Work {
  readonly entity: SyncedEntity;
  readonly id: string;
  /** The local record before this batch (with any optimistic local changes). */
  readonly local: Row | undefined;
  /** The server's state after this batch's changes: null = deleted; undefined = not changed. */
  server: Row | null | undefined;
  serverSeq: number;
}

const keyOf = (entity: string, id: string): string => `${entity}\u0000${id}`;

async function applyBatch(
  db: WaymarkDatabase,
  changes: readonly Change[],
  outcome: ApplyOutcome,
): Promise<void> {
  if (changes.length === 0) return;
  const work = await loadWork(db, changes);
  const pending = await loadPending(db, work);

  // The server has answered for every outbox row up to an answered mutation: drop them, so they are
  // not re-applied over the state it kept.
  let answeredUpTo = 0;
  for (const change of changes)
    if (change.mutationId) {
      const row = pending
        .get(keyOf(change.entity ?? '', change.id ?? ''))
        ?.find((r) => r.mutationId === change.mutationId);
      if (row) answeredUpTo = Math.max(answeredUpTo, row.seq);
    }
  if (answeredUpTo > 0) {
    await db.outbox.where('seq').belowOrEqual(answeredUpTo).delete();
    for (const [key, rows] of pending)
      pending.set(
        key,
        rows.filter((r) => r.seq > answeredUpTo),
      );
  }

  const now = new Date().toISOString();
  // A received record that does not parse with its definition is set aside (never stored: a screen
  // would break on it) and named; the rest of the page applies.
  const readable = (change: Change, w: Work): boolean => {
    if (!change.data) return true;
    const checked = checkShape(SYNCED_RECORDS[w.entity], { ...change.data, id: w.id });
    if (checked.ok) return true;
    outcome.unreadable.push({
      at: now,
      caseId: change.caseId,
      entity: w.entity,
      entityId: w.id,
      field: checked.refusal.field ?? '',
    });
    return false;
  };
  const readableIds = new Map<SyncedEntity, Set<string>>();
  for (const change of changes) {
    const w = work.get(keyOf(change.entity ?? '', change.id ?? ''));
    if (!w) continue;
    switch (change.kind) {
      case 'put':
        if (change.seq <= w.serverSeq || !change.data) break;
        if (!readable(change, w)) break;
        (readableIds.get(w.entity) ?? readableIds.set(w.entity, new Set()).get(w.entity))?.add(w.id);
        w.server = {
          ...change.data,
          id: w.id,
          serverSeq: change.seq,
          fieldVersions: change.fieldVersions ?? {},
        };
        w.serverSeq = change.seq;
        break;
      case 'delete':
        if (change.seq <= w.serverSeq) break;
        w.server = null;
        w.serverSeq = change.seq;
        break;
      case 'mutation_rejected': {
        outcome.rejected.push({
          at: now,
          caseId: change.caseId,
          entity: w.entity,
          entityId: w.id,
          reason: change.reason ?? RejectionReason.refused,
          ...(change.field !== undefined ? { field: change.field } : {}),
          ...(change.limit !== undefined ? { limit: change.limit } : {}),
        });
        if (change.seq <= w.serverSeq || !readable(change, w)) break;
        if (!change.data && CONTENT_REFUSALS.has(change.reason ?? '')) break;
        const versions = change.fieldVersions ?? (currentOf(w)?.fieldVersions as Row | undefined) ?? {};
        w.server = change.data
          ? { ...change.data, id: w.id, serverSeq: change.seq, fieldVersions: versions }
          : null;
        w.serverSeq = change.seq;
        break;
      }
      case 'conflict':
        outcome.conflicts += await storeConflicts(db, change, w, now);
        break;
      default:
    }
  }

  const puts = new Map<SyncedEntity, Row[]>();
  const deletes = new Map<SyncedEntity, string[]>();
  // Series sizes follow the media rows: a media change moves one count between two series (exact,
  // from the local record before and after); a series new on this device is counted once from the
  // index (its media may have arrived first: bootstrap pages come in entity order).
  const sizeDeltas = new Map<string, number>();
  const recount = new Map<string, Set<string>>();
  const moveCount = (seriesId: unknown, by: number): void => {
    if (typeof seriesId !== 'string' || seriesId === UNSORTED) return;
    sizeDeltas.set(seriesId, (sizeDeltas.get(seriesId) ?? 0) + by);
  };

  for (const [key, w] of work) {
    if (w.server === undefined) continue;
    const rows = pending.get(key) ?? [];
    let final: Row | undefined;
    if (w.server === null)
      // Deleted at the server while this device still has a change to send: keep the local record;
      // the pushed put revives it there, and its state comes back whole.
      final = rows.some((r) => r.op === 'put') ? w.local : foldPending(undefined, rows);
    else final = foldPending(withLocalFields(w.entity, w.server, w.local), rows);
    if (final) {
      final = derive(w.entity, final);
      (puts.get(w.entity) ?? puts.set(w.entity, []).get(w.entity))?.push(final);
      if (w.entity === 'cases') db.teamCases.add(w.id);
    } else if (w.local) (deletes.get(w.entity) ?? deletes.set(w.entity, []).get(w.entity))?.push(w.id);
    if (w.entity === 'media' && w.local?.seriesId !== final?.seriesId) {
      moveCount(w.local?.seriesId, -1);
      moveCount(final?.seriesId, +1);
    }
    if (w.entity === 'series' && final && !w.local && typeof final.caseId === 'string') {
      const set = recount.get(final.caseId) ?? new Set<string>();
      set.add(w.id);
      recount.set(final.caseId, set);
    }
  }
  for (const [entity, ids] of readableIds) await clearUnreadable(db, entity, ids);
  for (const [entity, rows] of puts) await db.table(entity).bulkPut(rows);
  for (const [entity, ids] of deletes) await db.table(entity).bulkDelete(ids);
  const counted = new Set<string>();
  for (const [caseId, ids] of recount) {
    await recountSeries(db, caseId, [...ids]);
    for (const id of ids) counted.add(id);
  }
  const shifted = [...sizeDeltas].filter(([id, delta]) => delta !== 0 && !counted.has(id));
  if (shifted.length > 0) {
    const records = await db.series.bulkGet(shifted.map(([id]) => id as SeriesId));
    const updated = records.flatMap((record, i) =>
      record ? [{ ...record, size: Math.max(0, record.size + shifted[i]![1]) }] : [],
    );
    await db.series.bulkPut(updated);
  }
}

function currentOf(w: Work): Row | undefined {
  return w.server === undefined ? w.local : (w.server ?? undefined);
}

async function loadWork(db: WaymarkDatabase, changes: readonly Change[]): Promise<Map<string, Work>> {
  const ids = new Map<SyncedEntity, Set<string>>();
  for (const c of changes) {
    const entity = c.entity as SyncedEntity;
    (ids.get(entity) ?? ids.set(entity, new Set()).get(entity))?.add(String(c.id));
  }
  const work = new Map<string, Work>();
  for (const [entity, set] of ids) {
    const list = [...set];
    const records = (await db.table(entity).bulkGet(list)) as (Row | undefined)[];
    list.forEach((id, i) => {
      const local = records[i];
      work.set(keyOf(entity, id), {
        entity,
        id,
        local,
        server: undefined,
        serverSeq: Number(local?.serverSeq ?? 0),
      });
    });
  }
  return work;
}

/** Pending outbox rows of the records in this batch, in seq order (skipped entirely when the outbox is empty). */
async function loadPending(db: WaymarkDatabase, work: Map<string, Work>): Promise<Map<string, OutboxRow[]>> {
  const pending = new Map<string, OutboxRow[]>();
  if ((await db.outbox.count()) === 0) return pending;
  const pairs = [...work.values()].map((w) => [w.entity, w.id]);
  const rows = await db.outbox.where('[entity+entityId]').anyOf(pairs).toArray();
  rows.sort((a, b) => a.seq - b.seq);
  for (const row of rows) {
    const key = keyOf(row.entity, row.entityId);
    (pending.get(key) ?? pending.set(key, []).get(key))?.push(row);
  }
  return pending;
}

/** Local changes not yet answered by the server, re-applied in order over a record. */
function foldPending(record: Row | undefined, rows: readonly OutboxRow[]): Row | undefined {
  let out = record;
  for (const row of rows) out = row.op === 'delete' ? undefined : { ...(out ?? {}), ...row.fields };
  return out;
}

async function storeConflicts(db: WaymarkDatabase, change: Change, w: Work, at: string): Promise<number> {
  let stored = 0;
  const caseId = change.caseId || (w.local ? caseIdOf(w.entity, w.local) : '');
  for (const c of change.conflicts ?? []) {
    const id = `${change.mutationId ?? change.seq}:${c.field}`;
    if (!(await db.syncConflicts.get(id))) {
      const conflict: SyncConflict = {
        id,
        caseId,
        entity: w.entity,
        entityId: w.id,
        field: c.field,
        mine: c.proposed,
        theirs: c.current,
        theirsVersion: c.currentVersion,
        status: 'open',
        mutationId: change.mutationId ?? '',
        createdAt: at,
      };
      await db.syncConflicts.put(conflict);
      stored++;
    }
    // Show what the server kept until the analyst decides (unless a newer version is already here).
    const current = currentOf(w);
    if (!current) continue;
    const versions = (current.fieldVersions ?? {}) as Record<string, number>;
    if ((versions[c.field] ?? 0) > c.currentVersion) continue;
    const base = w.server ?? stripLocal(w.local);
    if (!base) continue;
    w.server = {
      ...base,
      [c.field]: c.current,
      serverSeq: w.serverSeq,
      fieldVersions: { ...versions, [c.field]: c.currentVersion },
    };
  }
  return stored;
}

/** The local record as a server state (its local-only fields are put back by withLocalFields). */
function stripLocal(local: Row | undefined): Row | undefined {
  return local ? { ...local } : undefined;
}
