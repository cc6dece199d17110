// Exports of team cases reach the audit trail (POST /api/cases/:caseId/exports), on SQLite and
// PostgreSQL: from members only, validated to the last field, and never as a way to flood the trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';

import { ApiErrorBody } from '../contract/api-error.contract';
import { CaseView } from '../contract/cases.contract';
import { addMember } from './testing/members';
import { createTestApp, type TestApp } from './testing/test-app';
import { TEST_DATABASE_KINDS } from './testing/test-database';

describe.each(TEST_DATABASE_KINDS)('case exports in the audit trail on %s', (kind) => {
  let t: TestApp;
  let owner: string;
  let viewer: string;
  let outsider: string;
  let caseId: string;
  const exportedAt = '2026-07-01T10:00:00.000Z';

  beforeAll(async () => {
    // A clock that stands still: the minute of the flood test below is exact, however slow the machine.
    t = await createTestApp(kind, { now: () => new Date('2026-07-01T12:00:00Z') });
    await t.addUser('olga');
    await t.addUser('vera');
    await t.addUser('otto');
    owner = await t.login('olga');
    viewer = await t.login('vera');
    outsider = await t.login('otto');
    caseId = CaseView.parse(
      (await t.call('POST', '/api/cases', { cookie: owner, body: { name: 'Op Export' } })).json(),
    ).id;
    await addMember(t, owner, caseId, 'vera', 'viewer');
  });
  afterAll(async () => {
    await t.close();
  });

  const report = (cookie: string | undefined, body: unknown, id = caseId) =>
    t.call('POST', `/api/cases/${id}/exports`, { ...(cookie ? { cookie } : {}), body });
  const exported = () =>
    t.testDb.database.db
      .selectFrom('audit_log')
      .select(['actor_name', 'case_id', 'detail'])
      .where('action', '=', 'case.exported')
      .orderBy('seq')
      .execute();

  it('records who exported what of which case, for any member', async () => {
    const seriesId = ulid();
    expect((await report(owner, { format: 'vics-case', items: 120, exportedAt })).statusCode).toBe(200);
    expect(
      (await report(viewer, { format: 'report', seriesId, exportedAt, delayed: 'offline' })).statusCode,
    ).toBe(200);
    const rows = await exported();
    expect(rows.map((r) => [r.actor_name, r.case_id])).toEqual([
      ['olga', caseId],
      ['vera', caseId],
    ]);
    expect(JSON.parse(rows[0]!.detail)).toEqual({ format: 'vics-case', items: 120, exportedAt });
    expect(JSON.parse(rows[1]!.detail)).toEqual({
      format: 'report',
      seriesId,
      exportedAt,
      delayed: 'offline',
    });
  });

  it('hostile callers: no session, not a member, malformed reports', async () => {
    const before = (await exported()).length;
    expect((await report(undefined, { format: 'vics-case', exportedAt })).statusCode).toBe(401);
    const foreign = await report(outsider, { format: 'vics-case', exportedAt });
    expect(foreign.statusCode).toBe(404);
    expect((await report(owner, { format: 'vics-case', exportedAt }, ulid())).statusCode).toBe(404);
    for (const body of [
      {},
      { format: 'zip-of-images', exportedAt },
      { format: 'vics-case', items: -1, exportedAt },
      { format: 'vics-case', items: 1.5, exportedAt },
      { format: 'vics-case', exportedAt: 'yesterday' },
      { format: 'trace-crop', seriesId: "'; drop table cases; --", exportedAt },
      { format: 'vics-case', exportedAt, actor: 'someone-else' },
      { format: 'vics-case', exportedAt, delayed: 'because' },
      'vics-case',
    ]) {
      const response = await report(owner, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(ApiErrorBody.parse(response.json()).error).toBe('bad_request');
    }
    expect((await report(owner, { format: 'vics-case', exportedAt }, 'not-a-case')).statusCode).toBe(400);
    expect(await exported()).toHaveLength(before);
    const denied = await t.testDb.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'access.denied')
      .where('actor_name', '=', 'otto')
      .where('case_id', '=', caseId)
      .execute();
    expect(denied).toHaveLength(1);
  });

  it('cannot flood the trail: 60 reports a minute per account, then 429', async () => {
    await t.addUser('flo');
    const flo = await t.login('flo');
    const own = CaseView.parse(
      (await t.call('POST', '/api/cases', { cookie: flo, body: { name: 'Op Flood' } })).json(),
    ).id;
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++)
      statuses.push((await report(flo, { format: 'signatures-csv', exportedAt }, own)).statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(60);
    expect(statuses.at(-1)).toBe(429);
  });
});
