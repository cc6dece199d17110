import { spawnSync } from 'node:child_process';

import { describe, expect, it } from 'vitest';

import { DECONFLICTION_CURSOR_KEY } from '../../server/db/migrations/0006-scale-out';
import { createTestDatabase, TEST_DATABASE_KINDS } from '../../server/testing/test-database';

const DAY = 86_400_000;

describe.each(TEST_DATABASE_KINDS)('waymark sync compact on %s', (kind) => {
  it('deletes the changes older than the given days, raises the min cursor, and audits it', async () => {
    const testDb = await createTestDatabase(kind);
    const { db } = testDb.database;
    const waymark = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'sync', ...args], {
        env: { ...process.env, ...testDb.env },
        encoding: 'utf8',
      });
    try {
      const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString();
      const row = (seq: number, daysAgo: number) => ({
        seq,
        case_id: 'C1',
        kind: 'put',
        entity: 'series',
        entity_id: `S${seq}`,
        data: '{}',
        field_versions: '{}',
        at: at(daysAgo),
      });
      await db
        .insertInto('sync_changes')
        .values([row(1, 200), row(2, 100), row(3, 10), row(4, 1)])
        .execute();
      await db.updateTable('sync_counter').set({ v: 4 }).where('id', '=', 1).execute();
      const followed = (seq: number) =>
        db
          .updateTable('server_meta')
          .set({ value: String(seq) })
          .where('key', '=', DECONFLICTION_CURSOR_KEY)
          .execute();

      // Deconfliction has not followed the log yet: nothing it still has to read is cut.
      await followed(0);
      expect(waymark('compact', '--older-than', '30').stdout).toContain('removed 0 changes');
      // It has followed all four changes (as after the pushes that wrote them).
      await followed(4);
      const result = waymark('compact', '--older-than', '30');
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toContain('removed 2 changes older than 30 days');
      expect(result.stdout).toContain('before change 3 will download their cases again');
      const left = await db.selectFrom('sync_changes').select('seq').orderBy('seq').execute();
      expect(left.map((r) => Number(r.seq))).toEqual([3, 4]);
      const audit = await db.selectFrom('audit_log').select(['action', 'actor_name']).execute();
      expect(audit.map((a) => a.action)).toContain('sync.compacted');

      // Nothing older: nothing removed, the cursor stays.
      const again = waymark('compact', '--older-than', '30');
      expect(again.stdout).toContain('removed 0 changes');
      expect(waymark('compact', '--older-than', 'soon').status).toBe(2);
      expect(waymark('vacuum').status).toBe(2);
    } finally {
      await testDb.dispose();
    }
  });
});
