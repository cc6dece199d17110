import { describe, expect, it } from 'vitest';

import type { DeconflictionNotice } from '../../../contract/sync.contract';
import { loadCatalog } from '../../i18n/catalog';
import { createTranslator } from '../../i18n/translate';
import {
  conflictFieldLabel,
  conflictItemText,
  conflictValueText,
  fileNameOf,
  formatSyncTime,
  matchKindsText,
  noticeSentence,
  partitionNotices,
  SLOT,
  splitAtSlot,
  syncErrorDetail,
  syncErrorText,
  syncStatusSentence,
  type SyncStatusView,
} from './sync-text';

const t = createTranslator('en');
/** Names the analysts typed come wrapped in a Unicode isolate (see `isolate`). */
const I = (s: string) => `\u2068${s}\u2069`;
const ar = createTranslator('ar', await loadCatalog('ar'));
// Local wall-clock times, so the expectations hold in any time zone.
const now = new Date(2026, 10, 29, 15, 30);
const at1403 = new Date(2026, 10, 29, 14, 3).toISOString();
const status = (over: Partial<SyncStatusView>): SyncStatusView => ({
  state: 'idle',
  pending: 0,
  lastSyncAt: null,
  error: null,
  conflicts: 0,
  ...over,
});

describe('syncStatusSentence', () => {
  it.each<[Partial<SyncStatusView>, string]>([
    [{ state: 'off' }, ''],
    [{ state: 'idle' }, 'Not synced yet'],
    [{ state: 'idle', lastSyncAt: at1403 }, 'Synced at 14:03'],
    [{ state: 'idle', lastSyncAt: at1403, pending: 1 }, 'Synced at 14:03 · 1 change waiting'],
    [{ state: 'syncing', pending: 4 }, 'Syncing… · 4 changes waiting'],
    [{ state: 'syncing' }, 'Syncing…'],
    [
      { state: 'error', error: 'unreachable', pending: 2 },
      'The server could not be reached; your changes are kept and will be sent when it is back. · 2 changes waiting',
    ],
    [
      { state: 'error', error: 'The team server answered with an error: boom', pending: 1 },
      'The team server answered with an error: boom · 1 change waiting',
    ],
    [{ state: 'idle', lastSyncAt: at1403, conflicts: 2 }, 'Synced at 14:03 · 2 conflicts to resolve'],
  ])('%j -> %j', (over, expected) => {
    expect(syncStatusSentence(t, status(over), 'en', { now })).toBe(expected);
  });

  it('says "Offline" when this machine has no network, and names the server when it is the server', () => {
    const offline = (pending: number, browserOnline: boolean) =>
      syncStatusSentence(t, status({ state: 'offline', pending }), 'en', { now, browserOnline });
    expect(offline(3, false)).toBe('Offline — 3 changes waiting');
    expect(offline(1, false)).toBe('Offline — 1 change waiting');
    expect(offline(0, false)).toBe('Offline — nothing waiting');
    expect(offline(3, true)).toBe(
      'The server could not be reached; your changes are kept and will be sent when it is back. · 3 changes waiting',
    );
  });

  it('speaks Arabic with its plural forms', () => {
    expect(
      syncStatusSentence(ar, status({ state: 'offline', pending: 2 }), 'ar', { browserOnline: false }),
    ).toBe('غير متصل — تغييران بانتظار الإرسال');
    expect(syncStatusSentence(ar, status({ state: 'idle', lastSyncAt: at1403 }), 'ar', { now })).toContain(
      'تمت المزامنة في',
    );
  });
});

describe('formatSyncTime', () => {
  it('gives the time alone today and the date as well on another day', () => {
    expect(formatSyncTime(at1403, 'en', now)).toBe('14:03');
    const yesterday = new Date(2026, 10, 28, 9, 5).toISOString();
    expect(formatSyncTime(yesterday, 'en', now)).toBe('Nov 28, 2026, 09:05');
  });
  it('leaves a value that is not a date as it is', () => {
    expect(formatSyncTime('soon', 'en', now)).toBe('soon');
  });
});

describe('syncErrorText', () => {
  it('translates a code, and says what becomes of the changes', () => {
    expect(syncErrorText(t, 'unauthenticated', 'en')).toBe(
      'Your session has ended; sign in again to sync. Your changes are kept.',
    );
    expect(syncErrorText(t, 'outdated', 'en')).toContain('reload the page');
    expect(syncErrorDetail('outdated', 'ar')).toBeNull();
  });

  it("shows the engine's English sentence in English, and a translated one with it as detail otherwise", () => {
    const engine = 'The team server answered with an error: boom';
    expect(syncErrorText(t, engine, 'en')).toBe(engine);
    expect(syncErrorDetail(engine, 'en')).toBeNull();
    expect(syncErrorText(ar, engine, 'ar')).toBe('تعذّرت المزامنة؛ تغييراتك محفوظة وستُعاد المحاولة.');
    expect(syncErrorDetail(engine, 'ar')).toBe(engine);
    expect(syncErrorText(t, null, 'en')).toBe('Sync failed; your changes are kept and sync will try again.');
  });
});

const notice = (over: Partial<DeconflictionNotice> = {}): DeconflictionNotice => ({
  id: 'dcf:A:S:B',
  caseId: 'A',
  seriesId: 'S',
  otherCaseId: 'B',
  otherCaseName: 'Op Kite',
  otherOwner: { displayName: 'Olga K', organization: 'Unit O', contact: 'o@o.example' },
  matchedImages: 3,
  matchKinds: ['md5', 'pdq'],
  direction: 'found',
  createdAt: '2026-11-29T10:00:00.000Z',
  updatedAt: '2026-11-29T10:00:00.000Z',
  acknowledgedAt: null,
  acknowledgedBy: null,
  ...over,
});

describe('notices', () => {
  it('names the other case and who to contact, in both directions', () => {
    expect(noticeSentence(t, notice(), 'Series 2')).toBe(
      `3 images of Series 2 are known in case ${I('Op Kite')} — ${I('Olga K')}, ${I('Unit O')}, ${I('o@o.example')}`,
    );
    expect(noticeSentence(t, notice({ direction: 'told', matchedImages: 1 }), 'Series 2')).toBe(
      `Case ${I('Op Kite')} (${I('Olga K')}, ${I('Unit O')}, ${I('o@o.example')}) also holds 1 image of Series 2`,
    );
  });

  it('leaves out what the owner has not filled in', () => {
    const sparse = notice({ otherOwner: { displayName: 'anton', organization: '', contact: ' ' } });
    expect(noticeSentence(t, sparse, 'Series 2')).toBe(
      `3 images of Series 2 are known in case ${I('Op Kite')} — ${I('anton')}`,
    );
  });

  it('names unsorted images as such, with no series', () => {
    expect(noticeSentence(t, notice({ seriesId: '', matchedImages: 1 }), SLOT)).toBe(
      `1 unsorted image is known in case ${I('Op Kite')} — ${I('Olga K')}, ${I('Unit O')}, ${I('o@o.example')}`,
    );
    expect(noticeSentence(t, notice({ seriesId: '', direction: 'told' }), SLOT)).toBe(
      `Case ${I('Op Kite')} (${I('Olga K')}, ${I('Unit O')}, ${I('o@o.example')}) also holds 3 of your unsorted images`,
    );
  });

  it('names no case when its owners keep the name hidden (the default)', () => {
    const hidden = notice({ otherCaseName: '' });
    const contact = `${I('Olga K')}, ${I('Unit O')}, ${I('o@o.example')}`;
    expect(noticeSentence(t, hidden, 'Series 2')).toBe(
      `3 images of Series 2 are known in another case — ${contact}`,
    );
    expect(noticeSentence(t, { ...hidden, direction: 'told' }, 'Series 2')).toBe(
      `Another case (${contact}) also holds 3 images of Series 2`,
    );
    expect(noticeSentence(t, { ...hidden, seriesId: '', matchedImages: 1 }, SLOT)).toBe(
      `1 unsorted image is known in another case — ${contact}`,
    );
    expect(noticeSentence(ar, { ...hidden, matchedImages: 2 }, 'السلسلة 2')).toBe(
      `صورتان من السلسلة 2 معروفتان في قضية أخرى — ${I('Olga K')}، ${I('Unit O')}، ${I('o@o.example')}`,
    );
  });

  it('uses the Arabic dual', () => {
    expect(noticeSentence(ar, notice({ matchedImages: 2 }), 'السلسلة 2')).toBe(
      `صورتان من السلسلة 2 معروفتان في القضية ${I('Op Kite')} — ${I('Olga K')}، ${I('Unit O')}، ${I('o@o.example')}`,
    );
  });

  it('puts the series link where the language puts the series', () => {
    const parts = splitAtSlot(noticeSentence(t, notice({ direction: 'told' }), SLOT));
    expect(parts).toEqual({
      before: `Case ${I('Op Kite')} (${I('Olga K')}, ${I('Unit O')}, ${I('o@o.example')}) also holds 3 images of `,
      after: '',
      found: true,
    });
    expect(splitAtSlot('no slot')).toEqual({ before: 'no slot', after: '', found: false });
  });

  it('lists how the images matched', () => {
    expect(matchKindsText(t, ['md5', 'sha1', 'pdq'], 'en')).toBe(
      'Matched by MD5, SHA-1, and PDQ (visually similar).',
    );
    expect(matchKindsText(t, [], 'en')).toBe('');
  });

  it('puts open notices first, acknowledged ones apart', () => {
    const a = notice({ id: 'a', updatedAt: '2026-11-29T10:00:00.000Z' });
    const b = notice({ id: 'b', updatedAt: '2026-11-29T11:00:00.000Z' });
    const c = notice({ id: 'c', acknowledgedAt: '2026-11-29T12:00:00.000Z', acknowledgedBy: 'Olga K' });
    const { open, acknowledged } = partitionNotices([a, c, b]);
    expect(open.map((n) => n.id)).toEqual(['b', 'a']);
    expect(acknowledged.map((n) => n.id)).toEqual(['c']);
  });
});

describe('conflicts', () => {
  it('names fields as the app does', () => {
    expect(conflictFieldLabel(t, 'media', 'category')).toBe('Category');
    expect(conflictFieldLabel(t, 'seriesLeads', 'status')).toBe('Lead status');
    expect(conflictFieldLabel(t, 'series', 'name')).toBe('name');
  });

  it('names a category by the case scheme', () => {
    expect(conflictValueText(t, 'media', 'category', 1, 'vic-us')).toBe('Child abuse material');
    expect(conflictValueText(t, 'media', 'category', 1, 'uk-caid')).toBe('Category A');
    expect(conflictValueText(t, 'media', 'category', null, 'uk-caid')).toBe('Uncategorized');
    expect(conflictValueText(t, 'media', 'category', 9, 'uk-caid')).toBe('9');
    expect(conflictValueText(ar, 'media', 'category', 0, 'vic-us')).not.toBe('0');
  });

  it('names lead status, victim profile and flags', () => {
    expect(conflictValueText(t, 'seriesLeads', 'status', 'victim-identified', undefined)).toBe(
      'Victim identified',
    );
    expect(
      conflictValueText(
        t,
        'seriesLeads',
        'victim',
        { ageMin: 8, ageMax: 10, sex: 'female', identified: 'identified', identifiedOn: '2026-11-02' },
        undefined,
      ),
    ).toBe(`Identified on ${I('2026-11-02')}, Female, apparent age 8–10`);
    expect(
      conflictValueText(
        t,
        'seriesLeads',
        'victim',
        { ageMin: null, ageMax: null, sex: 'unknown', identified: 'unidentified', identifiedOn: null },
        undefined,
      ),
    ).toBe('Unidentified');
    expect(
      conflictValueText(t, 'media', 'vicsFlags', { isDistributed: true, victimIdentified: true }, undefined),
    ).toBe('Victim identified, Distributed');
    expect(conflictValueText(t, 'media', 'vicsFlags', undefined, undefined)).toBe('No flags');
  });

  it('shows anything else as it is', () => {
    expect(conflictValueText(t, 'series', 'name', '', undefined)).toBe('(none)');
    expect(conflictValueText(t, 'series', 'name', 'Beach', undefined)).toBe('Beach');
    expect(conflictValueText(t, 'x', 'y', { a: 1 }, undefined)).toBe('{"a":1}');
  });

  it('says what the field belongs to', () => {
    expect(conflictItemText(t, 'media', 'M1', { fileName: 'IMG_0042.jpg' })).toBe(
      `image ${I('IMG_0042.jpg')}`,
    );
    expect(conflictItemText(t, 'media', 'M1', {})).toBe('an image');
    expect(conflictItemText(t, 'seriesLeads', 'S1', { seriesName: 'Series 4' })).toBe(I('Series 4'));
    expect(conflictItemText(t, 'seriesLeads', 'S1', {})).toBe('a lead');
    expect(t('sync.conflicts.of', { field: 'Category', item: 'image a.jpg' })).toBe(
      'Category of image a.jpg',
    );
    expect(fileNameOf('set/2024/a.jpg')).toBe('a.jpg');
    expect(fileNameOf('a.jpg')).toBe('a.jpg');
  });
});
