/**
 * Outbox capture (docs/SYNC.md "Push"): every write to a synced table of a TEAM case writes its outbox
 * row in the SAME IndexedDB transaction, so a change and its mutation commit or vanish together.
 *
 * How: a DBCore middleware. `transaction()` widens every read-write transaction that touches a synced
 * table to include `outbox`; `mutate()` reads the old values in that transaction, lets the write
 * through, then adds one row per changed record of a team case: a `put` with only the changed synced
 * fields, their previous values and the base versions the writer saw, or a `delete`.
 *
 * Passed straight through: transactions marked by the sync engine (applying, bootstrap, purge; see
 * applying.ts), schema upgrades, and everything while the database has no team case, so local-only
 * work pays one Set size check per write request.
 */
import type {
  DBCore,
  DBCoreKeyRange,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  DBCoreTransaction,
  Middleware,
} from 'dexie';
import { ulid } from 'ulidx';

import { SYNCED_ENTITIES, SYNCED_RECORDS, type SyncedEntity } from '../../contract/records/synced-records';
import { isApplying } from './applying';
import { diffSynced, caseIdOf } from './record-diff';
import type { OutboxRow } from './sync-records';
import type { TeamCases } from './team-cases';

export const OUTBOX_TABLE = 'outbox';
const SYNCED = new Set<string>(SYNCED_ENTITIES);

type Row = Record<string, unknown>;
type NewOutboxRow = Omit<OutboxRow, 'seq'>;

export function createOutboxMiddleware(teamCases: TeamCases): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'WaymarkOutbox',
    // Below Dexie's hooks (2), above observability and cache (0): outbox rows are observed by live queries.
    level: 1,
    create: (down) => {
      const hasOutbox = down.schema.tables.some((t) => t.name === OUTBOX_TABLE);
      if (!hasOutbox) return down;
      return {
        ...down,
        transaction(stores, mode, options) {
          const widen =
            mode === 'readwrite' && !stores.includes(OUTBOX_TABLE) && stores.some((s) => SYNCED.has(s));
          return down.transaction(widen ? [...stores, OUTBOX_TABLE] : stores, mode, options);
        },
        table(name) {
          const table = down.table(name);
          if (!SYNCED.has(name)) return table;
          const entity = name as SyncedEntity;
          const outbox = down.table(OUTBOX_TABLE);
          return {
            ...table,
            mutate: (req) => {
              if (teamCases.size === 0 || isApplying(req.trans) || isUpgrade(req.trans))
                return table.mutate(req);
              return mutateWithOutbox(entity, table, outbox, teamCases, req);
            },
          };
        },
      };
    },
  };
}

function isUpgrade(trans: DBCoreTransaction): boolean {
  return (trans as unknown as { mode?: string }).mode === 'versionchange';
}

async function mutateWithOutbox(
  entity: SyncedEntity,
  table: DBCoreTable,
  outbox: DBCoreTable,
  teamCases: TeamCases,
  req: DBCoreMutateRequest,
): Promise<DBCoreMutateResponse> {
  const { trans } = req;
  const primaryKey = table.schema.primaryKey;
  const keyOf = (v: unknown): unknown => primaryKey.extractKey?.(v);
  const at = new Date().toISOString();
  const rows: NewOutboxRow[] = [];
  let response: DBCoreMutateResponse;

  if (req.type === 'put' || req.type === 'add') {
    // The new values name their case: writes to local cases read nothing more.
    const team: number[] = [];
    req.values.forEach((v, i) => {
      if (v && teamCases.has(caseIdOf(entity, v as Row))) team.push(i);
    });
    if (team.length === 0) return table.mutate(req);
    const keys = team.map((i): unknown => req.keys?.[i] ?? keyOf(req.values[i]));
    const olds = (await table.getMany({ trans, keys, cache: 'immutable' })) as (Row | undefined)[];
    response = await table.mutate(req);
    for (const [j, i] of team.entries()) {
      if (response.failures[i]) continue;
      const next = req.values[i] as Row;
      const entityId = String(keys[j]);
      let diff = diffSynced(entity, olds[j], next);
      if (diff?.baseVersions)
        diff = {
          ...diff,
          baseVersions: await predictBase(outbox, trans, entity, entityId, diff.baseVersions),
        };
      if (diff)
        rows.push({
          mutationId: ulid(),
          caseId: caseIdOf(entity, next),
          entity,
          entityId,
          op: 'put',
          ...diff,
          at,
        });
    }
  } else {
    // A delete names keys only (or a range): the old records say which case they were in.
    let keys: unknown[];
    let olds: (Row | undefined)[];
    if (req.type === 'deleteRange') {
      const found = await table.query({
        trans,
        query: { index: primaryKey, range: req.range },
        values: true,
      });
      olds = found.result as Row[];
      keys = olds.map(keyOf);
    } else {
      keys = req.keys;
      olds = keys.length > 0 ? ((await table.getMany({ trans, keys })) as (Row | undefined)[]) : [];
    }
    response = await table.mutate(req);
    // History is never deleted at the server (append-only), so its local deletes are not sent.
    if (!SYNCED_RECORDS[entity].rules.appendOnly)
      olds.forEach((old, i) => {
        if (!old || response.failures[i]) return;
        const caseId = caseIdOf(entity, old);
        if (teamCases.has(caseId))
          rows.push({ mutationId: ulid(), caseId, entity, entityId: String(keys[i]), op: 'delete', at });
      });
  }
  if (rows.length > 0) {
    const written = await outbox.mutate({ trans, type: 'add', values: rows });
    if (written.numFailures > 0) throw written.failures[0] ?? new Error('outbox write failed');
  }
  return response;
}

/**
 * The base version a write names is the version of the value its writer saw. When that value is still
 * this device's own unpushed write, the server will have bumped the field once per such write by the
 * time this one arrives (if they apply), so the base is the stored version plus those pending writes:
 * two quick edits of a category are then not a conflict with oneself. (If an earlier one conflicts
 * instead, that conflict is shown to the analyst.)
 */
async function predictBase(
  outbox: DBCoreTable,
  trans: DBCoreTransaction,
  entity: SyncedEntity,
  entityId: string,
  base: Readonly<Record<string, number>>,
): Promise<Record<string, number>> {
  const index = outbox.schema.getIndexByKeyPath(['entity', 'entityId']);
  if (!index) return { ...base };
  const key = [entity, entityId];
  // DBCoreRangeType.Equal (a const enum, which isolated modules cannot import).
  const range = { type: 1, lower: key, upper: key } as unknown as DBCoreKeyRange;
  const { result } = await outbox.query({ trans, query: { index, range }, values: true });
  const out: Record<string, number> = {};
  for (const [field, version] of Object.entries(base))
    out[field] =
      version + (result as OutboxRow[]).filter((r) => r.op === 'put' && r.fields && field in r.fields).length;
  return out;
}
