import type { FieldRule } from './field-rules';

/**
 * What syncs, and by which rule each field is merged (docs/SYNC.md, "Conflicts, by kind of data").
 * Entity names are the local table names, so a client applies a change by table without a mapping.
 * Image bytes and thumbnails never sync; derived local state (counts, known-list flags computed from
 * local lists, arrival order) stays local and is recomputed where it lives.
 */
export const SYNCED_ENTITIES = [
  'cases',
  'media',
  'files',
  'series',
  'clueRevisions',
  'seriesLeads',
  'leadEvents',
  'noteRevisions',
  'listMatches',
  'notices',
] as const;
export type SyncedEntityName = (typeof SYNCED_ENTITIES)[number];

export interface EntityRules {
  /** Fields that never leave the device (the server drops them; a client keeps its own on apply). */
  readonly localOnly: readonly string[];
  /** Set once (content-addressed or append-only): a different later value is refused. */
  readonly immutable: readonly string[];
  /** High-stakes: a write names the version it saw; a stale one is a conflict for the analyst. */
  readonly baseVersion: readonly string[];
  /**
   * Single-valued membership merged add-wins: a move applies only if the member is still where the
   * writer saw it, so a concurrent move elsewhere (an add the writer never observed) survives.
   */
  readonly membership: readonly string[];
  /** Append-only revisions: every field immutable, no client delete (a deletion is a new revision). */
  readonly appendOnly: boolean;
  /** Written only by the server (deconfliction notices): clients may set only `clientWritable`. */
  readonly serverOwned: boolean;
  readonly clientWritable?: readonly string[];
  /** The field naming the series an entity belongs to (indexed on the server), if any. */
  readonly seriesField?: string;
}

const HASH_FIELDS = ['md5', 'sha1', 'sha256', 'pdq', 'pdqQuality', 'pdqDihedral', 'bytes', 'width', 'height'];

const plain = (over: Partial<EntityRules> = {}): EntityRules => ({
  localOnly: ['version'],
  immutable: ['caseId'],
  baseVersion: [],
  membership: [],
  appendOnly: false,
  serverOwned: false,
  ...over,
});

const appendOnly = (seriesField?: string): EntityRules =>
  plain({ appendOnly: true, ...(seriesField ? { seriesField } : {}) });

export const ENTITY_RULES: Readonly<Record<SyncedEntityName, EntityRules>> = {
  // The server gives a new team case its row's createdAt (every member needs one at once); a sharing
  // client may replace it with the case's local creation time, so it is last-writer, not immutable.
  cases: plain({ localOnly: ['version', 'team', 'syncedAt'], immutable: [] }),
  media: plain({
    // `known` counts matches against this device's lists; `seq` is local arrival order; `categorySlot`
    // is derived from `category` on each device (sent, a last-writer slot could contradict a refused category).
    localOnly: ['version', 'known', 'seq', 'categorySlot'],
    immutable: ['caseId', 'createdAt', ...HASH_FIELDS],
    baseVersion: ['category', 'vicsFlags'],
    membership: ['seriesId'],
    seriesField: 'seriesId',
  }),
  files: plain({ immutable: ['caseId', 'mediaId', 'path', 'size', 'lastModified', 'sourceKey'] }),
  // `size` is a local count of the local media rows, recomputed after every applied membership change.
  series: plain({ localOnly: ['version', 'size'], immutable: ['caseId', 'createdAt'] }),
  clueRevisions: appendOnly('seriesId'),
  // A lead's `version` is part of the lead model (its events are numbered by it), so it syncs.
  seriesLeads: plain({
    localOnly: [],
    immutable: ['caseId', 'seriesId'],
    baseVersion: ['status', 'victim'],
    seriesField: 'seriesId',
  }),
  leadEvents: appendOnly('seriesId'),
  noteRevisions: appendOnly('seriesId'),
  listMatches: plain({ immutable: ['caseId', 'mediaId', 'listId', 'entryId', 'kind', 'distance'] }),
  notices: plain({
    serverOwned: true,
    clientWritable: ['acknowledgedAt', 'acknowledgedBy'],
    seriesField: 'seriesId',
  }),
};

export type { FieldRule };

/** Sync bookkeeping a client keeps on its records (server sequence and field versions): never sent. */
export const SYNC_META_FIELDS = ['serverSeq', 'fieldVersions'] as const;

/** The rule a field of an entity is merged by (membership is its own kind, see EntityRules). */
export function ruleOf(entity: SyncedEntityName, field: string): FieldRule | 'membership' | 'local' {
  const rules = ENTITY_RULES[entity];
  if (rules.localOnly.includes(field) || (SYNC_META_FIELDS as readonly string[]).includes(field))
    return 'local';
  if (rules.appendOnly || rules.immutable.includes(field)) return 'immutable';
  if (rules.membership.includes(field)) return 'membership';
  if (rules.baseVersion.includes(field)) return 'base-version';
  return 'last-writer';
}

/** The record without its local-only fields: what is sent and stored on the server. */
export function syncedFields(
  entity: SyncedEntityName,
  record: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const local: readonly string[] = [...ENTITY_RULES[entity].localOnly, ...SYNC_META_FIELDS];
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (!local.includes(k) && v !== undefined) out[k] = v;
  return out;
}
