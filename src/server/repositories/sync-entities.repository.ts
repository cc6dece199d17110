import type { Kysely } from 'kysely';

import { migrateRecord } from '../../contract/records/record-validation';
import { SYNCED_RECORDS, isSyncedEntity } from '../../contract/records/synced-records';
import type { EntityState } from '../../domain/sync/decide-write';
import type { DatabaseSchema } from '../db/schema';

export interface StoredEntity extends EntityState {
  readonly caseId: string;
  readonly entity: string;
  readonly id: string;
  readonly seq: number;
}

export interface EntityKey {
  readonly caseId: string;
  readonly entity: string;
  readonly id: string;
}

interface Row {
  case_id: string;
  entity: string;
  id: string;
  data: string;
  field_versions: string;
  deleted: number;
  seq: number;
  data_version: number;
}

/**
 * A stored row as the entity's current state. Data written at an older version of its record
 * definition is migrated here, on read, so every caller sees the current shape (src/contract/records).
 */
function toEntity(row: Row): StoredEntity {
  return {
    caseId: row.case_id,
    entity: row.entity,
    id: row.id,
    data: upToDate(row.entity, JSON.parse(row.data) as Record<string, unknown>, Number(row.data_version)),
    fieldVersions: JSON.parse(row.field_versions) as Record<string, number>,
    deleted: Number(row.deleted) === 1,
    seq: Number(row.seq),
  };
}

export interface EntityWriteRow {
  readonly key: EntityKey;
  readonly state: EntityState;
  readonly seq: number;
  readonly seriesId: string | null;
  readonly at: string;
}

/** Stored data of an older record version, migrated to the current one (unknown entities as they are). */
export function upToDate(
  entity: string,
  data: Record<string, unknown>,
  version: number,
): Record<string, unknown> {
  if (!isSyncedEntity(entity)) return data;
  const definition = SYNCED_RECORDS[entity];
  return version < definition.version ? migrateRecord(definition, data, version) : data;
}

/** The version stored with an entity's data: its definition's current one. */
export const versionOf = (entity: string): number =>
  isSyncedEntity(entity) ? SYNCED_RECORDS[entity].version : 1;

const COLUMNS = [
  'case_id',
  'entity',
  'id',
  'data',
  'field_versions',
  'deleted',
  'seq',
  'data_version',
] as const;

/** SQL for the server's current state of synced entities (tombstones included). */
export class SyncEntitiesRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async find(key: EntityKey): Promise<StoredEntity | undefined> {
    const row = await this.db
      .selectFrom('sync_entities')
      .select(COLUMNS)
      .where('case_id', '=', key.caseId)
      .where('entity', '=', key.entity)
      .where('id', '=', key.id)
      .executeTakeFirst();
    return row ? toEntity(row) : undefined;
  }

  /** Entities of one kind by id, whatever their case (ids are unique across cases). */
  async findMany(entity: string, ids: readonly string[]): Promise<StoredEntity[]> {
    const out: StoredEntity[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db
        .selectFrom('sync_entities')
        .select(COLUMNS)
        .where('entity', '=', entity)
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
      out.push(...rows.map(toEntity));
    }
    return out;
  }

  /** Writes many entity states at once (insert or replace), in statements of up to 100 rows. */
  async upsertMany(rows: readonly EntityWriteRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 100)
      await this.db
        .insertInto('sync_entities')
        .values(
          rows.slice(i, i + 100).map((r) => ({
            case_id: r.key.caseId,
            entity: r.key.entity,
            id: r.key.id,
            data: JSON.stringify(r.state.data),
            field_versions: JSON.stringify(r.state.fieldVersions),
            deleted: r.state.deleted ? 1 : 0,
            seq: r.seq,
            series_id: r.seriesId,
            updated_at: r.at,
            data_version: versionOf(r.key.entity),
          })),
        )
        .onConflict((oc) =>
          oc.columns(['case_id', 'entity', 'id']).doUpdateSet((eb) => ({
            data: eb.ref('excluded.data'),
            field_versions: eb.ref('excluded.field_versions'),
            deleted: eb.ref('excluded.deleted'),
            seq: eb.ref('excluded.seq'),
            series_id: eb.ref('excluded.series_id'),
            updated_at: eb.ref('excluded.updated_at'),
            data_version: eb.ref('excluded.data_version'),
          })),
        )
        .execute();
  }

  async upsert(
    key: EntityKey,
    state: EntityState,
    seq: number,
    seriesId: string | null,
    at: string,
  ): Promise<void> {
    const values = {
      data: JSON.stringify(state.data),
      field_versions: JSON.stringify(state.fieldVersions),
      deleted: state.deleted ? 1 : 0,
      seq,
      series_id: seriesId,
      updated_at: at,
      data_version: versionOf(key.entity),
    };
    await this.db
      .insertInto('sync_entities')
      .values({ case_id: key.caseId, entity: key.entity, id: key.id, ...values })
      .onConflict((oc) => oc.columns(['case_id', 'entity', 'id']).doUpdateSet(values))
      .execute();
  }

  /** Live entities of `entity` in a series: a series delete is refused while it has any (add-wins). */
  async countInSeries(caseId: string, entity: string, seriesId: string): Promise<number> {
    const row = await this.db
      .selectFrom('sync_entities')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('case_id', '=', caseId)
      .where('entity', '=', entity)
      .where('series_id', '=', seriesId)
      .where('deleted', '=', 0)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Live entities of `entity` in a series (the notices of a series whose media moved or went). */
  async listInSeries(caseId: string, entity: string, seriesId: string): Promise<StoredEntity[]> {
    const rows = await this.db
      .selectFrom('sync_entities')
      .select(COLUMNS)
      .where('case_id', '=', caseId)
      .where('entity', '=', entity)
      .where('series_id', '=', seriesId)
      .where('deleted', '=', 0)
      .execute();
    return rows.map(toEntity);
  }

  /**
   * Live entities of `entity` whose id starts with `prefix` (records keyed by what they name, such as
   * a video's series links, `<mediaId>:<seriesId>`). LIKE's wildcards (`_`) and SQLite's case-blind
   * LIKE may match more: the exact prefix is checked here.
   */
  async listByIdPrefix(caseId: string, entity: string, prefix: string): Promise<StoredEntity[]> {
    const rows = await this.db
      .selectFrom('sync_entities')
      .select(COLUMNS)
      .where('case_id', '=', caseId)
      .where('entity', '=', entity)
      .where('id', 'like', `${prefix.replaceAll('%', '')}%`)
      .where('deleted', '=', 0)
      .execute();
    return rows.map(toEntity).filter((e) => e.id.startsWith(prefix));
  }

  /** Live entities of these cases in key order after `after`, for bootstrap. */
  async page(caseIds: readonly string[], after: EntityKey | null, limit: number): Promise<StoredEntity[]> {
    if (caseIds.length === 0) return [];
    let query = this.db
      .selectFrom('sync_entities')
      .select(COLUMNS)
      .where('case_id', 'in', caseIds)
      .where('deleted', '=', 0);
    if (after)
      query = query.where((eb) =>
        eb(eb.refTuple('case_id', 'entity', 'id'), '>', eb.tuple(after.caseId, after.entity, after.id)),
      );
    const rows = await query.orderBy('case_id').orderBy('entity').orderBy('id').limit(limit).execute();
    return rows.map(toEntity);
  }

  /** Every live entity of one kind, in key order after `after` (the deconfliction index rebuild). */
  async pageOfKind(entity: string, after: EntityKey | null, limit: number): Promise<StoredEntity[]> {
    let query = this.db
      .selectFrom('sync_entities')
      .select(COLUMNS)
      .where('entity', '=', entity)
      .where('deleted', '=', 0);
    if (after)
      query = query.where((eb) => eb(eb.refTuple('case_id', 'id'), '>', eb.tuple(after.caseId, after.id)));
    const rows = await query.orderBy('case_id').orderBy('id').limit(limit).execute();
    return rows.map(toEntity);
  }
}
