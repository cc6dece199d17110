import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';

import type { DeconflictionNotice } from '../../../contract/sync.contract';
import { ConflictList } from './ConflictsPanel';
import { NoticeList } from './NoticesPanel';
import { SyncStatusLine } from './SyncStatusIndicator';
import { TeamSharingView } from './TeamSharing';
import { rejectionText } from './sync-text';
import { createTranslator } from '../../i18n/translate';

// Node 20 has no navigator; the language store reads it once to pick the default language.
vi.hoisted(() => {
  if (!('navigator' in globalThis))
    Object.defineProperty(globalThis, 'navigator', { value: { language: 'en-GB' }, configurable: true });
});

const I = (s: string) => `\u2068${s}\u2069`;
const html = (node: ReactNode) => renderToStaticMarkup(<MemoryRouter>{node}</MemoryRouter>);
const noop = () => undefined;

describe('SyncStatusLine', () => {
  it('is a polite status named "Sync status", with "Sync now" outside it', () => {
    const out = html(
      <SyncStatusLine
        status={{ state: 'offline', pending: 3, lastSyncAt: null, error: null, conflicts: 0 }}
        browserOnline={false}
        onSyncNow={noop}
      />,
    );
    expect(out).toMatch(
      /<p class="sync-indicator-text" role="status" aria-live="polite" aria-label="Sync status">Offline — 3 changes waiting<\/p><button[^>]*>Sync now<\/button>/,
    );
  });

  it('marks "Sync now" unavailable while syncing, and shows nothing while sync is off', () => {
    const syncing = html(
      <SyncStatusLine
        status={{ state: 'syncing', pending: 0, lastSyncAt: null, error: null, conflicts: 0 }}
        browserOnline
        onSyncNow={noop}
      />,
    );
    expect(syncing).toContain('Syncing…');
    expect(syncing).toMatch(/<button[^>]*aria-disabled="true"[^>]*>Sync now/);
    const off = html(
      <SyncStatusLine
        status={{ state: 'off', pending: 0, lastSyncAt: null, error: null, conflicts: 0 }}
        browserOnline
        onSyncNow={noop}
      />,
    );
    expect(off).toBe('');
  });

  it('says when another analyst’s unsent changes hold sync, and offers to discard them', () => {
    const out = html(
      <SyncStatusLine
        status={{
          state: 'error',
          pending: 2,
          lastSyncAt: null,
          error: 'This browser holds 2 unsent changes…',
          conflicts: 0,
          otherAnalystChanges: 2,
        }}
        browserOnline
        onSyncNow={noop}
        onDiscardOtherAnalyst={noop}
      />,
    );
    expect(out).toContain(
      'This browser holds 2 unsent changes by the analyst who synced here before you. They can sign in here to send them',
    );
    expect(out).toMatch(/<button[^>]*>Discard their changes<\/button>/);
  });
});

describe('TeamSharingView', () => {
  it('offers "Share with team" for a local case, and a progress bar while sharing', () => {
    const idle = html(
      <TeamSharingView
        team={false}
        statusSentence=""
        sharing={false}
        progress={null}
        error={null}
        shared={false}
        rejection={null}
        onShare={noop}
      />,
    );
    expect(idle).toContain('>Share with team</button>');
    expect(idle).not.toContain('progressbar');

    const busy = html(
      <TeamSharingView
        team={false}
        statusSentence=""
        sharing
        progress={{ phase: 'queue', done: 40, total: 160 }}
        error={null}
        shared={false}
        rejection={null}
        onShare={noop}
      />,
    );
    expect(busy).toContain('role="progressbar"');
    expect(busy).toContain('aria-label="Sharing the case"');
    expect(busy).toContain('aria-valuenow="40"');
    expect(busy).toContain('aria-valuemax="160"');
    expect(busy).toContain('40 of 160 records prepared for sending');
    expect(busy).toContain('style="inline-size:25%"');
  });

  it('says a team case syncs, and how', () => {
    const out = html(
      <TeamSharingView
        team
        statusSentence="Synced at 14:03"
        sharing={false}
        progress={null}
        error={null}
        shared={false}
        rejection={null}
        onShare={noop}
      />,
    );
    expect(out).toContain('Team case: changes sync with the team server.');
    expect(out).toContain('Synced at 14:03');
    expect(out).not.toContain('Share with team');
  });

  it('shows the sending of a shared case on the bar, and a refused change in words', () => {
    const out = html(
      <TeamSharingView
        team
        statusSentence="Syncing… · 30 changes waiting"
        sharing={false}
        progress={{ phase: 'send', done: 130, total: 160 }}
        error={null}
        shared
        rejection={rejectionText(createTranslator('en'), { entity: 'media', reason: 'id_taken' })}
        onShare={noop}
      />,
    );
    expect(out).toContain('The case is shared with your team.');
    expect(out).toContain('aria-valuenow="130"');
    expect(out).toContain('130 of 160 records sent');
    expect(out).toContain(
      'The server refused your last change: An image was not accepted: its id is already used by a record of another case.',
    );
  });
});

describe('ConflictList', () => {
  it('shows each conflict side by side with "Keep mine" and "Keep theirs"', () => {
    const out = html(
      <ConflictList
        items={[
          {
            id: 'c1',
            title: 'Category of image a.jpg',
            field: 'Category',
            mine: 'Category A',
            theirs: 'Non-pertinent',
          },
        ]}
        busyId={null}
        error={null}
        onResolve={noop}
      />,
    );
    expect(out).toMatch(
      /<section class="sync-panel sync-conflicts" aria-labelledby="([^"]+)"><h2 id="\1" tabindex="-1">Sync conflicts<\/h2>/,
    );
    expect(out).toMatch(/<ul class="sync-list" aria-labelledby="[^"]+">/);
    expect(out).toContain('<dt>Yours</dt><dd>Category A</dd>');
    expect(out).toContain('<dt>On the server</dt><dd>Non-pertinent</dd>');
    expect(out).toMatch(/aria-describedby="([^"]+)"[^>]*>Keep mine<\/button>/);
    expect(out).toContain('>Keep theirs</button>');
    const [, titleId] = /<h3 id="([^"]+)"/.exec(out) ?? [];
    expect(out).toContain(`aria-describedby="${titleId}"`);
  });
});

const notice = (over: Partial<DeconflictionNotice>): DeconflictionNotice => ({
  id: 'n1',
  caseId: 'A',
  seriesId: 'S1',
  otherCaseId: 'B',
  otherCaseName: 'Op Kite',
  otherOwner: { displayName: 'Olga K', organization: 'Unit O', contact: 'o@o.example' },
  matchedImages: 3,
  matchKinds: ['pdq'],
  direction: 'found',
  createdAt: '2026-11-29T10:00:00.000Z',
  updatedAt: '2026-11-29T10:00:00.000Z',
  acknowledgedAt: null,
  acknowledgedBy: null,
  ...over,
});

describe('ConflictList once every conflict is decided', () => {
  it('stays, saying none are left, with its heading ready to take focus', () => {
    const out = html(<ConflictList items={[]} busyId={null} error={null} onResolve={noop} />);
    expect(out).toMatch(/<h2 id="[^"]+" tabindex="-1">Sync conflicts<\/h2>/);
    expect(out).toContain('No conflicts left: every choice is saved.');
    expect(out).toMatch(/<ul class="sync-list" aria-labelledby="[^"]+" hidden="">/);
  });
});

describe('NoticeList', () => {
  it('links the series inside the sentence and collapses acknowledged notices', () => {
    const out = html(
      <NoticeList
        caseId="A"
        notices={[
          notice({}),
          notice({
            id: 'n2',
            direction: 'told',
            matchedImages: 1,
            acknowledgedAt: '2026-11-28T10:00:00.000Z',
            acknowledgedBy: 'anton',
          }),
        ]}
        seriesNames={new Map([['S1', 'Series 2']])}
        busyId={null}
        error={null}
        onAcknowledge={noop}
      />,
    );
    expect(out).toMatch(/<h2 id="[^"]+">Deconfliction notices<\/h2>/);
    expect(out).toContain(
      `<p>3 images of <bdi><a href="/cases/A/series/S1/leads" data-discover="true">Series 2</a></bdi> are known in case ${I('Op Kite')} — ${I('Olga K')}, ${I('Unit O')}, ${I('o@o.example')}</p>`,
    );
    expect(out).toContain('Matched by PDQ (visually similar).');
    expect(out.match(/>Acknowledge<\/button>/g)).toHaveLength(1);
    expect(out).toContain('<details class="sync-acknowledged"><summary>1 acknowledged notice</summary>');
    expect(out).toContain(
      `Case ${I('Op Kite')} (${I('Olga K')}, ${I('Unit O')}, ${I('o@o.example')}) also holds 1 image of <bdi><a href="/cases/A/series/S1/leads" data-discover="true">Series 2</a></bdi>`,
    );
    expect(out).toContain(`Acknowledged by ${I('anton')},`);
  });

  it('says when the series is no longer in the case, without a dead link', () => {
    const out = html(
      <NoticeList
        caseId="A"
        notices={[notice({})]}
        seriesNames={new Map()}
        busyId={null}
        error={null}
        onAcknowledge={noop}
      />,
    );
    expect(out).toContain('3 images of a series no longer in this case are known');
    expect(out).not.toContain('<a ');
  });
});
