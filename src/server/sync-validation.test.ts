// The server trusts no client: whatever JSON a browser pushes as the fields of any synced entity, the
// server either stores a record that parses with that entity's definition, or refuses the mutation
// with a reason code. Property-tested through the real push route, on SQLite and PostgreSQL.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CaseView } from '../contract/cases.contract';
import { checkRecord } from '../contract/records/record-validation';
import { SYNCED_ENTITIES, SYNCED_RECORDS, type SyncedEntity } from '../contract/records/synced-records';
import { validRecord } from '../contract/records/testing/synced-fixtures';
import { isRejectionReason } from '../domain/sync/rejection-reason';
import { upToDate } from './repositories/sync-entities.repository';
import { TestSyncClient, type NewMutation } from './testing/sync-client';
import { createTestApp, type TestApp } from './testing/test-app';
import { TEST_DATABASE_KINDS } from './testing/test-database';

/** Values a hostile or broken client sends: anything JSON, and the classics. */
const hostileValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    '=HYPERLINK("http://x","y")',
    '1,"x":1',
    'zz',
    'notarray',
    '',
    '\u0000',
    -1,
    1e308,
    Number.MAX_SAFE_INTEGER + 2,
    'x'.repeat(5000),
    { __proto__: { polluted: true } },
    [],
  ),
);

const entityArb = fc.constantFrom(...SYNCED_ENTITIES);

/** Fields: a valid record with some fields replaced or added, some removed, or arbitrary JSON outright. */
function fieldsFor(entity: SyncedEntity, caseId: string, id: string): fc.Arbitrary<Record<string, unknown>> {
  const base = validRecord(entity, caseId, id);
  const names = Object.keys(base);
  const mutated = fc
    .record({
      replace: fc.dictionary(fc.constantFrom(...names), hostileValue, { maxKeys: 3 }),
      extra: fc.dictionary(fc.string({ maxLength: 12 }), hostileValue, { maxKeys: 2 }),
      drop: fc.subarray(names, { maxLength: 2 }),
    })
    .map(({ replace, extra, drop }) => {
      const out: Record<string, unknown> = { ...base, ...extra, ...replace };
      for (const d of drop) delete out[d];
      return out;
    });
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(base) },
    { weight: 5, arbitrary: mutated },
    { weight: 2, arbitrary: fc.dictionary(fc.string({ maxLength: 12 }), hostileValue, { maxKeys: 6 }) },
  );
}

describe.each(TEST_DATABASE_KINDS)('the server stores only valid records, on %s', (kind) => {
  let t: TestApp;
  let cookie: string;
  let caseId: string;

  beforeAll(async () => {
    // Budgets are not under test here (sync-limits.test.ts): a shrinking run pushes far more often.
    t = await createTestApp(kind, {
      security: { syncPushesPerMinute: 1_000_000, syncLookupsPerHour: 1_000_000 },
    });
    await t.addUser('olga');
    cookie = await t.login('olga');
    const created = await t.call('POST', '/api/cases', { cookie, body: { name: 'Op Fuzz' } });
    caseId = CaseView.parse(created.json()).id;
  });
  afterAll(async () => {
    await t.close();
  });

  async function stored(entity: SyncedEntity, id: string) {
    return t.testDb.database.db
      .selectFrom('sync_entities')
      .select(['data', 'deleted', 'data_version'])
      .where('case_id', '=', caseId)
      .where('entity', '=', entity)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  it('stores arbitrary JSON pushed as any entity either as a valid record or refuses it with a code', async () => {
    let client = new TestSyncClient(t, cookie);
    // A body the HTTP layer refuses whole (400: JSON with a "__proto__" key is refused as prototype
    // poisoning) stores nothing; the next pushes come from a fresh client, as the refused one's
    // mutation numbers now have a gap.
    const pushed = async (mutation: NewMutation): Promise<boolean> => {
      try {
        await client.push(mutation);
        return true;
      } catch (error) {
        if (!String(error).includes('push: 400')) throw error;
        client = new TestSyncClient(t, cookie);
        return false;
      }
    };
    let n = 0;
    let storedCount = 0;
    let refusedCount = 0;
    await fc.assert(
      fc.asyncProperty(
        entityArb.chain((entity) => {
          const suffix = entity === 'videoFrames' ? '.0' : entity === 'videoSeriesLinks' ? ':S1' : '';
          const id = entity === 'cases' ? caseId : `R${kind}${++n}${suffix}`;
          return fc.tuple(fc.constant(entity), fc.constant(id), fieldsFor(entity, caseId, id), fc.boolean());
        }),
        async ([entity, id, fields, twice]) => {
          const mutation = { caseId, entity, id, op: 'put', fields } as NewMutation;
          // Half the time the record is first created valid, then patched with the hostile fields.
          if (twice && entity !== 'notices')
            await client.push({ ...mutation, fields: validRecord(entity, caseId, id) });
          const requestRefused = !(await pushed(mutation));
          const answers = await client.pull();
          const row = await stored(entity, id);
          if (row && Number(row.deleted) === 0) {
            const data = upToDate(entity, JSON.parse(row.data) as Record<string, unknown>, row.data_version);
            const checked = checkRecord(SYNCED_RECORDS[entity], data);
            expect(checked, JSON.stringify({ entity, data })).toMatchObject({ ok: true });
          }
          const refusals = answers.filter((c) => c.kind === 'mutation_rejected' && c.id === id);
          for (const r of refusals) expect(isRejectionReason(r.reason), String(r.reason)).toBe(true);
          const accepted = answers.some((c) => c.kind === 'put' && c.entity === entity && c.id === id);
          // Every mutation has an outcome: applied (a put for every member), unchanged, or refused.
          if (!accepted && !twice)
            expect(refusals.length > 0 || row !== undefined || (requestRefused && !row)).toBe(true);
          if (refusals.length > 0 || requestRefused) refusedCount++;
          if (accepted) storedCount++;
        },
      ),
      { numRuns: 120 },
    );
    // Both paths ran: the property is not vacuous.
    expect(storedCount).toBeGreaterThan(5);
    expect(refusedCount).toBeGreaterThan(5);
    // And nothing invalid is anywhere in the store.
    const rows = await t.testDb.database.db
      .selectFrom('sync_entities')
      .select(['entity', 'data', 'data_version'])
      .where('deleted', '=', 0)
      .execute();
    for (const row of rows) {
      const entity = row.entity as SyncedEntity;
      const data = upToDate(entity, JSON.parse(row.data) as Record<string, unknown>, row.data_version);
      expect(checkRecord(SYNCED_RECORDS[entity], data).ok, `${entity} ${row.data}`).toBe(true);
    }
  }, 240_000);
});
