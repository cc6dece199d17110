import { SYNCED_ENTITIES } from '../../contract/records/synced-records';

/**
 * Every table an applying transaction may write: the synced tables, the sync bookkeeping, and the
 * local tables that hold a case's data (a revoked case is purged from all of them, bytes included).
 */
export const APPLY_TABLES: readonly string[] = [
  ...SYNCED_ENTITIES,
  'outbox',
  'syncState',
  'syncConflicts',
  'thumbnails',
  'filmstrips',
  'clueCrops',
  'ingestErrors',
  'suggestions',
];
