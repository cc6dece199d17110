import type Dexie from 'dexie';
import { ulid } from 'ulidx';

import { pickSynced } from '../../contract/records/synced-records';
import { videoSeriesLinkId } from '../../domain/video/video-series-links';

/**
 * Every schema version of the one Dexie database, oldest first. A new version is appended (never
 * edited) with its upgrade function, and gets a test that seeds version n-1 and opens version n.
 * Only indexed fields are listed; records carry more.
 */
export const SCHEMA_VERSIONS: ReadonlyArray<{
  version: number;
  stores: Record<string, string | null>;
  upgrade?: Parameters<ReturnType<Dexie['version']>['upgrade']>[0];
}> = [
  {
    version: 1,
    stores: {
      cases: 'id, updatedAt',
    },
  },
  {
    // The case workspace. Series membership is a field on media (seriesId), not a join table: an image
    // is in exactly one series or in the unsorted bucket (''), so merge/split/move update only the moved
    // media rows plus two series sizes, and undo restores the previous seriesIds.
    version: 2,
    stores: {
      media:
        'id, caseId, [caseId+sha256], [caseId+sortAt], [caseId+categorySlot], [caseId+seriesId], [caseId+camera], [caseId+hasGps], [caseId+known]',
      files: 'id, caseId, mediaId, [caseId+sourceKey]',
      thumbnails: 'id',
      series: 'id, caseId, [caseId+groupKey]',
      settings: 'id',
      ingestErrors: 'id, caseId, [caseId+sourceKey]',
      suggestions: 'id, caseId, [caseId+status]',
    },
    upgrade: async (tx) => {
      await tx
        .table('cases')
        .toCollection()
        .modify((record: Record<string, unknown>) => {
          record.categoryScheme ??= 'vic-us';
        });
    },
  },
  {
    // Leads and clues. Clues and notes are append-only revisions (docs/SYNC.md); a series has one lead
    // (its id is the series id) and every lead change is an event. Clue crops are derived bytes kept
    // apart from the records, like thumbnails.
    version: 3,
    stores: {
      clueRevisions: 'id, caseId, seriesId, clueId, mediaId',
      seriesLeads: 'id, caseId, seriesId, status, *tags',
      leadEvents: 'id, leadId, caseId, [leadId+version]',
      noteRevisions: 'id, caseId, seriesId, noteId',
      clueCrops: 'id',
    },
  },
  {
    // Known-material hash lists (imported once, kept with their entries, switched on/off) and the
    // matches of a case's media against them, each with its provenance (list, entry, kind, distance).
    version: 4,
    stores: {
      hashLists: 'id, importedAt',
      hashListEntries: 'id, listId, [listId+ordinal]',
      listMatches: 'id, caseId, mediaId, listId',
    },
  },
  {
    // Sync (docs/SYNC.md). `outbox`: local changes of team cases waiting to be pushed, keyed by the
    // per-client sequence, found per case (purge) and per record (re-applying pending changes on top
    // of pulled ones). `syncState`: clientId, cursor, bootstrap and share progress. `syncConflicts`:
    // base-version conflicts for the analyst. `notices`: deconfliction notices (server-owned, synced).
    // Case records gain an unindexed `team` flag; existing cases stay local (absent = false).
    version: 5,
    stores: {
      outbox: '++seq, caseId, [entity+entityId]',
      syncState: 'id',
      syncConflicts: 'id, caseId, status',
      notices: 'id, caseId, seriesId',
    },
  },
  {
    // Grouping beyond PDQ (issue 18), local-only derived data, never synced: `groupingSignals` holds
    // each media's region hashes and keypoints (bytes, ~15 KB, apart from the records lists query);
    // `seriesLinks` the evidence of each join the grouper made (the pair view's "why together"),
    // found from either image.
    version: 6,
    stores: {
      groupingSignals: 'id, caseId',
      seriesLinks: 'id, caseId, a, b',
    },
  },
  {
    // Videos (issue 17). Media records gain `kind` (media.record.ts version 2: every earlier record is
    // an image), indexed with the case so grids and series count videos apart from images.
    // `videoFrames`: a video's vPDQ frame hashes in bounded parts (synced, found per media);
    // `filmstrips`: its key-frame thumbnails (local bytes, like thumbnails, one row per video).
    version: 7,
    stores: {
      media:
        'id, caseId, [caseId+sha256], [caseId+sortAt], [caseId+categorySlot], [caseId+seriesId], [caseId+camera], [caseId+hasGps], [caseId+known], [caseId+kind]',
      videoFrames: 'id, caseId, mediaId',
      filmstrips: 'id',
    },
    upgrade: async (tx) => {
      await tx
        .table('media')
        .toCollection()
        .modify((record: Record<string, unknown>) => {
          record.kind ??= 'image';
        });
    },
  },
  {
    // A video whose frames show two series joins one and is shown in the other (issue 17):
    // `videoSeriesLinks` (local-only, derived by video placement) found per series of a case.
    version: 8,
    stores: {
      videoSeriesLinks: 'id, caseId, [caseId+seriesId], mediaId',
    },
  },
  {
    // Video series links sync (contract/records/video-series-link.record.ts): their ids become
    // `<mediaId>:<seriesId>` (the record id's character set has no '>'), and the links of team cases
    // are queued for the server, as a share would have queued them, so colleagues see them too.
    version: 9,
    stores: {},
    upgrade: async (tx) => {
      const links = tx.table('videoSeriesLinks');
      const rows = (await links.toArray()) as Record<string, unknown>[];
      if (rows.length === 0) return;
      const moved = rows.map((r): Record<string, unknown> & { id: string } => ({
        ...r,
        id: videoSeriesLinkId(String(r.mediaId), String(r.seriesId)),
      }));
      await links.clear();
      await links.bulkPut(moved);
      const team = new Set(
        ((await tx.table('cases').toArray()) as { id: string; team?: boolean }[])
          .filter((c) => c.team === true)
          .map((c) => c.id),
      );
      const at = new Date().toISOString();
      const queued = moved
        .filter((r) => team.has(String(r.caseId)))
        .map((r) => ({
          mutationId: ulid(),
          caseId: String(r.caseId),
          entity: 'videoSeriesLinks',
          entityId: r.id,
          op: 'put',
          fields: pickSynced('videoSeriesLinks', r),
          at,
        }));
      if (queued.length > 0) await tx.table('outbox').bulkAdd(queued);
    },
  },
];

export function defineSchema(db: Dexie): void {
  for (const { version, stores, upgrade } of SCHEMA_VERSIONS) {
    const v = db.version(version).stores(stores);
    if (upgrade) v.upgrade(upgrade);
  }
}
