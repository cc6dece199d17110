import 'fake-indexeddb/auto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { replayLead, newSeriesLead } from '../../domain/leads/series-lead';
import { WaymarkDatabase } from './database';
import { changeLead, getAnalystName, getLead, listLeadEvents, setAnalystName } from './leads.repository';

let db: WaymarkDatabase;
beforeEach(async () => {
  db = new WaymarkDatabase(`leads-${Math.random()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const target = { caseId: 'C1', seriesId: 'S1' };
const now = new Date('2026-11-28T10:00:00.000Z');

describe('leads repository', () => {
  it('writes each change with its event, and the events replay to the stored lead', async () => {
    expect(await getLead(db, 'S1')).toBeUndefined();
    const first = await changeLead(db, target, { kind: 'status', to: 'in-review' }, 'ana', { now });
    expect(first.ok).toBe(true);
    await changeLead(db, target, { kind: 'tags', tags: [' school ', 'School', 'bag'] }, 'ben', { now });
    const lead = await getLead(db, 'S1');
    expect(lead).toMatchObject({ id: 'S1', status: 'in-review', tags: ['school', 'bag'], version: 2 });
    const events = await listLeadEvents(db, 'S1');
    expect(events.map((e) => [e.version, e.by, e.change.kind])).toEqual([
      [1, 'ana', 'status'],
      [2, 'ben', 'tags'],
    ]);
    const start = newSeriesLead({ id: 'S1', ...target }, now.toISOString(), 'ana');
    expect(replayLead(start, events)).toEqual(lead);
  });

  it('refuses a change the rules forbid and stores nothing', async () => {
    const refused = await changeLead(db, target, { kind: 'status', to: 'victim-identified' }, 'ana', { now });
    expect(refused).toEqual({ ok: false, problem: 'status-not-allowed' });
    expect(await getLead(db, 'S1')).toBeUndefined();
    expect(await db.leadEvents.count()).toBe(0);
  });

  it('refuses a change based on a version someone else already changed', async () => {
    await changeLead(db, target, { kind: 'status', to: 'in-review' }, 'ana', { now });
    const stale = await changeLead(db, target, { kind: 'status', to: 'closed' }, 'ben', {
      now,
      baseVersion: 0,
    });
    expect(stale).toEqual({ ok: false, problem: 'stale-version' });
    expect((await getLead(db, 'S1'))?.status).toBe('in-review');
  });

  it('keeps the analyst name, tidied, with a default for an empty one', async () => {
    expect(await getAnalystName(db)).toBeNull();
    expect(await setAnalystName(db, '  Ana   R. ')).toBe('Ana R.');
    expect(await getAnalystName(db)).toBe('Ana R.');
    expect(await setAnalystName(db, '   ')).toBe('Analyst');
  });
});
