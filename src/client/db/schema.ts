import type Dexie from 'dexie';

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
];

export function defineSchema(db: Dexie): void {
  for (const { version, stores, upgrade } of SCHEMA_VERSIONS) {
    const v = db.version(version).stores(stores);
    if (upgrade) v.upgrade(upgrade);
  }
}
