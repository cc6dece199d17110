import 'fake-indexeddb/auto';

import { afterEach, describe, expect, it } from 'vitest';

import { createCase, getCase, listCases } from './cases.repository';
import { WaymarkDatabase } from './database';

let db: WaymarkDatabase;
afterEach(async () => {
  await db.delete();
});

describe('cases repository', () => {
  it('stores a case and lists the newest first', async () => {
    db = new WaymarkDatabase(`test-${Math.random()}`);
    const first = await createCase(db, 'Operation One', new Date('2026-01-01T00:00:00Z'));
    const second = await createCase(db, '  Operation   Two ', new Date('2026-02-01T00:00:00Z'));
    if (!first.ok || !second.ok) throw new Error('expected both cases to be created');
    expect(second.record.name).toBe('Operation Two');
    expect((await listCases(db)).map((c) => c.name)).toEqual(['Operation Two', 'Operation One']);
    expect(await getCase(db, first.record.id)).toEqual(first.record);
  });

  it('refuses an empty name and writes nothing', async () => {
    db = new WaymarkDatabase(`test-${Math.random()}`);
    expect(await createCase(db, '   ')).toEqual({ ok: false, problem: 'empty' });
    expect(await db.cases.count()).toBe(0);
  });
});
